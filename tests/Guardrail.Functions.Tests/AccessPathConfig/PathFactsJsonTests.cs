using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Guardrail.Aws.Collect;
using Guardrail.Aws.S3;
using Guardrail.Functions.Paths;

namespace Guardrail.Functions.Tests.AccessPaths;

/// <summary>The restore facts stored in a known-good envelope read back as written, and a damaged record is refused.</summary>
public sealed class PathFactsJsonTests
{
    private static readonly RestoreFacts Facts = new(
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("arn:aws:iam::111122223333:role/spectrum", new RoleRestoreFacts(new Read<string?>(null), ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "v3")]))),
            KeyValuePair.Create("arn:aws:iam::111122223333:role/unread", new RoleRestoreFacts(null, null, ImmutableSortedDictionary<string, string>.Empty)),
        ]),
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("arn:aws:kms:us-east-1:111122223333:alias/lake", new KeyRestoreFacts("1234abcd", "arn:aws:kms:us-east-1:111122223333:key/1234abcd", "Enabled", false))]),
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("lake", new BucketRestoreFacts("111122223333", new Read<DefaultEncryption?>(new DefaultEncryption("aws:kms", "alias/lake", true)), new Read<string?>("BucketOwnerEnforced"))),
            KeyValuePair.Create("bare", new BucketRestoreFacts("111122223333", new Read<DefaultEncryption?>(null), null)),
        ]));

    [Fact]
    public void Facts_read_back_as_written_keeping_unknown_apart_from_none()
    {
        var json = PathFactsJson.ToJson(Facts);
        var back = PathFactsJson.FromJson(JsonNode.Parse(json.ToJsonString())!.AsObject());

        Assert.Equal(json.ToJsonString(), PathFactsJson.ToJson(back).ToJsonString());
        Assert.Null(back.Roles["arn:aws:iam::111122223333:role/spectrum"].PermissionsBoundary!.Value);
        Assert.Null(back.Roles["arn:aws:iam::111122223333:role/unread"].PermissionsBoundary);
        Assert.Null(back.Buckets["bare"].Encryption!.Value);
        Assert.Null(back.Buckets["bare"].Ownership);
        Assert.Equal("v3", back.DefaultVersionOf("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
    }

    [Theory]
    [InlineData("""{"keys": {"k": {"arn": "a", "state": "Enabled", "awsManaged": false}}}""")]
    [InlineData("""{"keys": {"k": {"keyId": 7, "arn": "a", "state": "Enabled", "awsManaged": false}}}""")]
    [InlineData("""{"buckets": {"lake": "not an object"}}""")]
    [InlineData("""{"roles": {"r": {"defaultVersions": {"p": null}}}}""")]
    public void A_damaged_record_is_refused_as_such(string text) =>
        Assert.Throws<InvalidDataException>(() => PathFactsJson.FromJson(JsonNode.Parse(text)!.AsObject()));
}
