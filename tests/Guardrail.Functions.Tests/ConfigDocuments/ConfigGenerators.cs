using CsCheck;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>Generators of configuration documents: valid ones (for the round trip) and text that may be anything.</summary>
internal static class ConfigGenerators
{
    private static readonly string[] Examples =
        [.. Directory.GetFiles(System.IO.Path.Combine(Paths.Root, "examples", "config")).Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    private static readonly Gen<string> Account = Gen.Long[0, 999_999_999_999].Select(n => n.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Gen<string> Region = Gen.OneOf("us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1");
    private static readonly Gen<string> Word = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[1, 12].Select(c => "a" + new string(c));
    private static readonly Gen<string> RoleArn = Gen.Select(Account, Word, (a, w) => $"arn:aws:iam::{a}:role/{w}");
    private static readonly Gen<RollbackSetting> Rollback =
        Gen.Int[0, RollbackKinds.All.Count].Array[0, 4].Select(ks => new RollbackSetting(new HashSet<string>(ks.Select(k => k == RollbackKinds.All.Count ? RollbackKinds.All[0] : RollbackKinds.All[k]), StringComparer.Ordinal)));

    /// <summary>Valid documents, with or without an organization (then every account is one).</summary>
    public static readonly Gen<ConfigDocument> Documents =
        from organization in Gen.Bool
        from single in Account
        from paths in PathGen(organization ? Account : Gen.Const(single)).Array[1, 4]
        from org in Gen.Select(Gen.Long[10_000_000_000, long.MaxValue], Account, Word, (id, m, r) => new OrganizationSettings($"o-{id}", m, r))
        from rollback in Rollback
        from roles in RoleArn.Array[0, 3]
        from max in Gen.Int[1, 1000]
        select new ConfigDocument(1, organization ? org : null, new PathDefaults(rollback, organization ? roles : [], max), Distinct(paths));

    private static Gen<PathEntry> PathGen(Gen<string> accounts) =>
        from name in Word
        from clusterAccount in accounts
        from region in Region
        from chainTail in Gen.Select(accounts, Word, (a, w) => $"arn:aws:iam::{a}:role/{w}").Array[0, 3]
        from firstRole in Word
        from hasCluster in Gen.Bool
        from serverless in Gen.Bool
        from clusterName in Word
        from workgroup in Word.Select(w => w + "wg").Null()
        from endpoints in Gen.Long[0, 0xFFFFFFFF].Select(n => $"vpce-{n:x8}").Array[0, 2]
        from tables in Table(accounts, region).Array[1, 3]
        from rollback in Rollback.Null()
        from roles in RoleArn.Array[0, 2].Null()
        let chainFirst = $"arn:aws:iam::{clusterAccount}:role/{firstRole}"
        let cluster = hasCluster
            ? new ClusterEntry(clusterAccount, region, serverless ? "serverless" : "provisioned", serverless ? null : clusterName, serverless ? clusterName : null, serverless ? workgroup : null, endpoints)
            : null
        select new PathEntry(name, [chainFirst, .. chainTail], cluster, tables, rollback, roles);

    private static Gen<TableEntry> Table(Gen<string> accounts, string region) =>
        from account in accounts
        from bucket in Word.Select(w => w + "-bucket")
        from prefix in Gen.OneOf(Gen.Const(string.Empty), Word.Select(w => w + "/"), Gen.Const("données/été/"))
        from glue in Gen.Bool
        from catalog in accounts
        from names in Gen.Select(Word, Word)
        select glue ? new TableEntry(account, region, bucket, prefix, catalog, names.Item1, names.Item2) : new TableEntry(account, region, bucket, prefix);

    private static PathEntry[] Distinct(PathEntry[] paths) => [.. paths.Select((p, i) => p with { Name = $"{p.Name}.{i}" })];

    private const string Syntax = "{}[]:,\"'&*!|>-#%@` \t\r\n\\0123456789.eEtruefalsnl~<=?yo\u00e9\u2028\uFEFF";

    /// <summary>Text made of JSON and YAML syntax: most is refused, at every possible stage.</summary>
    public static readonly Gen<string> SyntaxSoup = Gen.Char[Syntax].Array[0, 400].Select(c => new string(c));

    /// <summary>An example document changed at a few random places: cut, doubled, or with syntax dropped in.</summary>
    public static readonly Gen<string> Mutants =
        from example in Gen.Int[0, Examples.Length - 1].Select(i => Examples[i])
        from edits in Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, 40], Gen.Char[Syntax].Array[0, 8]).Array[1, 4]
        select edits.Aggregate(example, Mutate);

    private static string Mutate(string text, (int Kind, double At, int Length, char[] Insert) edit)
    {
        var at = (int)(edit.At * text.Length);
        var length = Math.Min(edit.Length, text.Length - at);
        return edit.Kind switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, text.Substring(at, length)),
            _ => text.Insert(at, new string(edit.Insert)),
        };
    }
}
