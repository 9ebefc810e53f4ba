using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Testing;

namespace Guardrail.Benchmarks;

/// <summary>
/// The whole-path targets of issue 18, generated here (deterministic, no files): <see cref="RealisticPath"/> with
/// many table locations, many buckets, or a 90-statement bucket policy over many prefixes. The reading role is also
/// given S3 read on every location of the scenario (an inline policy), so that a healthy path stays ok and every hop
/// does its whole work.
/// </summary>
internal static class PathTargets
{
    private static readonly string[] Teams = ["law", "ops", "hr", "sales", "data"];

    /// <summary>A scenario: its name and snapshot text.</summary>
    public sealed record Target(string Name, string Snapshot);

    public static IEnumerable<Target> All()
    {
        yield return new("(a) realistic path, 10,000 tables in one bucket", ManyTables(10_000));
        yield return new("(b) realistic path, 300 buckets of one table each", ManyBuckets(300));
        yield return new("(c) 90-statement 20 KB bucket policy x 5,000 prefixes", ManyPrefixes(5_000));
    }

    /// <summary>(a): the realistic path with <paramref name="tables"/> tables under <c>sales/N/</c> of its bucket.</summary>
    public static string ManyTables(int tables)
    {
        var snapshot = Realistic();
        snapshot["spectrum"]!["tables"] = new JsonArray([.. Enumerable.Range(0, tables).Select(i => (JsonNode)Table("datalake", $"sales/{i}/", $"t{i}"))]);
        return snapshot.ToJsonString();
    }

    /// <summary>(b): the realistic path's bucket copied <paramref name="buckets"/> times (<c>datalake-000</c>...), its 20 KB policy naming each copy, one table in each.</summary>
    public static string ManyBuckets(int buckets)
    {
        var snapshot = Realistic();
        var template = snapshot["buckets"]!["datalake"]!.ToJsonString();
        var all = new JsonObject();
        var tables = new JsonArray();
        for (var i = 0; i < buckets; i++)
        {
            var name = $"datalake-{i:D3}";
            all[name] = JsonNode.Parse(template.Replace("arn:aws:s3:::datalake", $"arn:aws:s3:::{name}", StringComparison.Ordinal));
            tables.Add(Table(name, "sales/0/", $"t{i}"));
        }

        snapshot["buckets"] = all;
        snapshot["spectrum"]!["tables"] = tables;
        return snapshot.ToJsonString();
    }

    /// <summary>
    /// (c): the realistic path whose bucket policy is the first 90 statements of the 20 KB policy (team and
    /// numbered prefixes with conditions), with <paramref name="prefixes"/> tables spread over those teams' prefixes.
    /// </summary>
    public static string ManyPrefixes(int prefixes)
    {
        var snapshot = Realistic();
        var policy = snapshot["buckets"]!["datalake"]!["policy"]!.AsObject();
        var statements = policy["Statement"]!.AsArray();
        policy["Statement"] = new JsonArray([.. statements.Take(90).Select(s => s!.DeepClone())]);
        snapshot["spectrum"]!["tables"] = new JsonArray([.. Enumerable.Range(0, prefixes).Select(i =>
            (JsonNode)Table("datalake", $"{Teams[i % Teams.Length]}/{i / Teams.Length % 10}/part-{i.ToString(CultureInfo.InvariantCulture)}/", $"t{i}"))]);
        return snapshot.ToJsonString();
    }

    private static JsonObject Realistic()
    {
        var snapshot = JsonNode.Parse(RealisticPath.Text())!.AsObject();
        var role = snapshot["roles"]![RealisticPath.Role]!.AsObject();
        role["inlinePolicies"]!["lake-read-all"] = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:GetObject", "s3:GetObjectVersion"), ["Resource"] = new JsonArray("arn:aws:s3:::datalake/*", "arn:aws:s3:::datalake-*/*") },
                new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("s3:ListBucket", "s3:GetBucketLocation"), ["Resource"] = new JsonArray("arn:aws:s3:::datalake", "arn:aws:s3:::datalake-*") }),
        };
        return snapshot;
    }

    private static JsonObject Table(string bucket, string prefix, string name) => new()
    {
        ["bucket"] = bucket,
        ["prefix"] = prefix,
        ["catalogAccount"] = RealisticPath.Account,
        ["database"] = "sales",
        ["table"] = name,
    };
}
