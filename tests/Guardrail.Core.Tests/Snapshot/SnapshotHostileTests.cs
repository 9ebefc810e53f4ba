using System.Text;
using CsCheck;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Tests.Properties;
using Guardrail.Core.Text;
using static Guardrail.Core.Tests.Properties.HostileJson;

namespace Guardrail.Core.Tests.Snapshot;

/// <summary>
/// The reader is total: random text, snapshot-shaped trees of hostile names and values (the schema's names, ARNs,
/// lone surrogates, escapes, hostile policy texts at any depth) and damaged valid snapshots all give a snapshot or a
/// <see cref="SnapshotParseException"/> with one bounded line; deep and huge input is refused by its limits.
/// </summary>
public sealed class SnapshotHostileTests
{
    private const string Role = "arn:aws:iam::111122223333:role/spectrum";

    private static readonly string[] Names =
    [
        "spectrum", "roles", "buckets", "keys", "catalogs", "organization", "roleChain", "cluster", "region", "tables", "kind",
        "iamRoles", "vpcEndpoints", "bucket", "prefix", "catalogAccount", "database", "table", "trustPolicy", "inlinePolicies",
        "managedPolicies", "permissionsBoundary", "tags", "account", "policy", "encryption", "ownership", "algorithm", "kmsKeyArn",
        "bucketKeyEnabled", "state", "awsManaged", "grants", "granteePrincipal", "operations", "constraints", "encryptionContextEquals",
        "encryptionContextSubset", "resourcePolicy", "id", "managementAccount", "serviceControlPolicies", "resourceControlPolicies",
        Role, "lake", "arn:aws:kms:us-east-1:111122223333:key/k1", "111122223333", "arn:aws:iam::aws:policy/ReadOnly", "s3",
        "\ud800", "\udc00x", "a\u001b[31m", "", "Spectrum", "a\nb",
    ];

    private static readonly Gen<HostileJson> Scalar = Gen.OneOf(
        Gen.OneOf(Names).Select(Str),
        Gen.OneOf("null", "true", "false", "0", "-1", "1e400", "123456789012", "[]", "{}").Select(Token),
        Gen.OneOf("provisioned", "serverless", "AES256", "aws:kms", "aws:kms:dsse", "Enabled", "Decrypt", "ObjectWriter", "us-east-1", "vpce-0123456789abcdef0", "o-abc1234567", "sales/").Select(Str),
        HostileGenerators.Texts.Select(Str),
        Gen.String[Gen.Char, 0, 12].Select(Str));

    private static readonly Gen<HostileJson> Tree = Level(Level(Level(Level(Level(Scalar)))));

    [Fact]
    public void Any_text_gives_a_snapshot_or_a_one_line_error() =>
        HostileCases.Check(Gen.String[Gen.Char, 0, 80], 4_000, text => text, ReadsOrFailsInOneLine);

    [Fact]
    public void Snapshot_shaped_hostile_trees_give_a_snapshot_or_a_one_line_error() =>
        HostileCases.Check(Tree.Select(t => t.ToString()), 6_000, text => text, ReadsOrFailsInOneLine);

    [Fact]
    public void A_valid_snapshot_with_one_hostile_value_anywhere_gives_a_snapshot_or_a_one_line_error()
    {
        var valid = ValidSnapshot();
        var valueStarts = Enumerable.Range(0, valid.Length).Where(i => valid[i] is ':' or '[' or ',').ToArray();
        var gen = Gen.Select(Gen.Int[0, valueStarts.Length - 1], Scalar, Gen.Int[0, 3]).Select((at, value, cut) =>
        {
            // Put the value after a ':', '[' or ',' and drop what followed up to the next delimiter: mostly valid JSON with one bad value.
            var start = valueStarts[at] + 1;
            var end = valid.IndexOfAny([',', '}', ']'], start);
            return valid[..start] + value + (cut == 0 ? valid[start..] : valid[end..]);
        });
        HostileCases.Check(gen, 6_000, text => text, ReadsOrFailsInOneLine);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(65)]
    public void Deep_nesting_is_refused_by_the_depth_limit(int depth)
    {
        var error = Assert.Throws<SnapshotParseException>(() => SnapshotReader.Read(new string('[', depth) + new string(']', depth)));

        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Deep_nesting_inside_a_policy_string_is_named_by_the_policy_path()
    {
        var policy = System.Text.Json.JsonSerializer.Serialize(new string('[', 5_000));

        var error = Assert.Throws<SnapshotParseException>(() => SnapshotReader.Read($"{{\"spectrum\": {{\"roleChain\": [\"{Role}\"]}}, \"buckets\": {{\"lake\": {{\"policy\": {policy}}}}}}}"));

        Assert.StartsWith("buckets.lake.policy: invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_over_8_MiB_is_refused_before_it_is_parsed()
    {
        var huge = new StringBuilder("{\"spectrum\": {\"roleChain\": [\"").Append(Role).Append("\"]}, \"roles\": {\"x\": \"").Append('a', SnapshotReader.MaxUtf8Bytes).Append("\"}}").ToString();

        var error = Assert.Throws<SnapshotParseException>(() => SnapshotReader.Read(huge));

        Assert.Equal("the snapshot is larger than 8,388,608 bytes of UTF-8, the most the guardrail reads", error.Message);
    }

    [Fact]
    public void Multi_byte_text_counts_in_utf8_bytes()
    {
        // 3 MiB of characters, 9 MiB of UTF-8.
        var text = "{\"spectrum\": {\"roleChain\": [\"" + Role + "\"]}, \"roles\": {\"" + new string('€', 3 * 1024 * 1024) + "\": {}}}";

        var error = Assert.Throws<SnapshotParseException>(() => SnapshotReader.Read(text));

        Assert.StartsWith("the snapshot is larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_key_deep_in_the_path_still_gives_one_bounded_line()
    {
        var key = "\u202e" + new string('x', 5_000) + "\n";
        var text = $"{{\"spectrum\": {{\"roleChain\": [\"{Role}\"]}}, \"organization\": {{\"serviceControlPolicies\": {{{System.Text.Json.JsonSerializer.Serialize(key)}: []}}}}}}";

        var error = Assert.Throws<SnapshotParseException>(() => SnapshotReader.Read(text));

        Assert.StartsWith("organization.serviceControlPolicies[\"\\u202exxx", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    private static Gen<HostileJson> Level(Gen<HostileJson> inner) => Gen.Frequency(
        (3, Scalar),
        (4, Gen.Select(Gen.OneOf(Names), inner).Array[0, 4].Select(members => Obj(members.Select(m => (Str(m.Item1), m.Item2))))),
        (1, inner.Array[0, 3].Select(items => Arr(items))));

    private static void ReadsOrFailsInOneLine(string text)
    {
        try
        {
            SnapshotReader.Read(text);
        }
        catch (SnapshotParseException e)
        {
            if (e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Length > 2 * SafeText.LineLength + 500)
            {
                throw new HostileCases.Violation("one bounded line", e.Message);
            }
        }
    }

    private static string ValidSnapshot()
    {
        var valid = SnapshotReaderTests.Full;
        Assert.NotNull(SnapshotReader.Read(valid));
        return valid;
    }
}
