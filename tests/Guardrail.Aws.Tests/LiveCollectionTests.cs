using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

[Collection(MotoCollection.Name)]
public sealed class LiveCollectionTests
{
    private readonly MotoServer moto;

    public LiveCollectionTests(MotoServer moto)
    {
        this.moto = moto;
    }

    internal static SnapshotRequest FullRequest => new(
        [RoleArn.Parse(LiveWorld.EntryRole), RoleArn.Parse(LiveWorld.ReaderRole)],
        [new TableTarget(LiveWorld.Lake, "sales/", LiveWorld.Account, "sales", "orders"), new TableTarget(LiveWorld.RawBucket, "events/")],
        new ClusterTarget(ClusterKind.Provisioned, LiveWorld.Cluster),
        "us-east-1");

    /// <summary>The expected snapshot of <see cref="LiveWorld"/>, written by hand, with the ids AWS made up filled in.</summary>
    internal static JsonNode Expected(LiveWorld world, string file = "full-world.json")
    {
        var text = File.ReadAllText(RepoRoot.Of("tests", "cases", "snapshots-live", file));
        foreach (var (name, value) in world.Ids)
        {
            text = text.Replace("${" + name + "}", value, StringComparison.Ordinal);
        }

        return JsonNode.Parse(text)!;
    }

    internal static AccountClientFactory Factory(MotoServer moto, string? accountRole = null) =>
        new(new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null), "us-east-1", accountRole, new AwsCallCounter());

    [Fact]
    public async Task The_whole_path_is_collected_as_the_hand_written_snapshot()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = Factory(moto);

        var collection = await new SnapshotCollector(factory).CollectAsync(FullRequest, CancellationToken.None);

        Assert.Empty(collection.Failures);
        Assert.Empty(collection.Notes);
        AssertJson(Expected(world), collection.Snapshot);
    }

    [Fact]
    public async Task The_collected_snapshot_reads_and_judges_as_the_world_is()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = Factory(moto);

        var collection = await new SnapshotCollector(factory).CollectAsync(FullRequest, CancellationToken.None);
        var verdict = Guardrail.Core.Paths.PathEvaluator.Evaluate(
            Guardrail.Core.Paths.Snapshot.SnapshotReader.Read(collection.Snapshot.ToJsonString()),
            new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        // The world is built to be readable end to end; Lake Formation is read, but one table names no Glue catalog
        // account, so whether Lake Formation governs it is not known: unchecked, never guessed.
        var statuses = verdict.Hops.ToDictionary(h => h.Hop, h => h.Status);
        Assert.True(verdict.Access == Guardrail.Core.Findings.AccessVerdict.Ok, verdict.Line + "\n" + string.Join("\n", verdict.Findings.Select(f => $"{f.Hop} {f.Finding.Rule} {f.Document}: {f.Finding.Message}")));
        Assert.Equal(Guardrail.Core.Paths.HopStatus.Ok, statuses[Guardrail.Core.Paths.HopKind.Identity]);
        Assert.Equal(Guardrail.Core.Paths.HopStatus.Ok, statuses[Guardrail.Core.Paths.HopKind.Key]);
        var lakeFormation = verdict.Hops.Single(h => h.Hop == Guardrail.Core.Paths.HopKind.LakeFormation);
        Assert.Equal(Guardrail.Core.Paths.HopStatus.Unchecked, lakeFormation.Status);
        Assert.Equal("Lake Formation for s3://amzn-s3-demo-raw/events/", Assert.Single(lakeFormation.Findings).Document);
    }

    [Fact]
    public async Task Each_document_is_read_once_and_every_call_is_counted()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = Factory(moto);

        var collection = await new SnapshotCollector(factory).CollectAsync(FullRequest, CancellationToken.None);

        // Two roles; three managed policies, one attached to both roles and one also the boundary: each read once.
        // Two buckets, one key (named through its alias), one catalog; the organization: root → OU → account,
        // SCPs and RCPs at each level, three distinct policies (FullAWSAccess, RCPFullAWSAccess, the OU's own SCP).
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["glue:GetResourcePolicy"] = 1,
            ["iam:GetPolicy"] = 3,
            ["iam:GetPolicyVersion"] = 3,
            ["iam:GetRole"] = 2,
            ["iam:GetRolePolicy"] = 3,
            ["iam:ListAttachedRolePolicies"] = 2,
            ["iam:ListRolePolicies"] = 2,
            ["kms:DescribeKey"] = 1,
            ["kms:GetKeyPolicy"] = 1,
            ["kms:ListGrants"] = 1,
            ["organizations:DescribeOrganization"] = 1,
            ["organizations:DescribePolicy"] = 3,
            ["organizations:ListParents"] = 2,
            ["organizations:ListPoliciesForTarget"] = 6,
            ["organizations:ListRoots"] = 1,
            ["lakeformation:ListPermissions"] = 4,
            ["lakeformation:ListResources"] = 1,
            ["redshift:DescribeClusters"] = 1,
            ["s3:GetBucketEncryption"] = 2,
            ["s3:GetBucketOwnershipControls"] = 2,
            ["s3:GetBucketPolicy"] = 2,
            ["sts:GetCallerIdentity"] = 1,
        };
        Assert.Equal(expected, collection.Calls);
        Assert.Equal(45, factory.Counter.Total);
    }

    [Fact]
    public async Task What_a_fresh_account_has_not_set_is_a_known_none_and_no_organization_is_a_note()
    {
        using var world = await LiveWorld.EmptyAsync(moto);
        await world.CreateRoleAsync("spectrum", LiveWorld.Document(LiveWorld.Allow("sts:AssumeRole", "*")));
        await world.S3.PutBucketAsync(LiveWorld.RawBucket);
        using var factory = Factory(moto);
        var request = new SnapshotRequest([RoleArn.Parse($"arn:aws:iam::{LiveWorld.Account}:role/spectrum")], [new TableTarget(LiveWorld.RawBucket, string.Empty, LiveWorld.Account)], null, "us-east-1");

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        Assert.Empty(collection.Failures);
        var snapshot = collection.Snapshot;
        var role = snapshot["roles"]![$"arn:aws:iam::{LiveWorld.Account}:role/spectrum"]!.AsObject();
        Assert.True(role.ContainsKey("permissionsBoundary"));
        Assert.Null(role["permissionsBoundary"]);
        Assert.Empty(role["inlinePolicies"]!.AsObject());
        Assert.Empty(role["managedPolicies"]!.AsObject());
        var bucket = snapshot["buckets"]![LiveWorld.RawBucket]!.AsObject();
        Assert.True(bucket.ContainsKey("policy"));
        Assert.Null(bucket["policy"]);
        Assert.Equal("AES256", bucket["encryption"]!["algorithm"]!.GetValue<string>());
        Assert.Empty(snapshot["keys"]!.AsObject());
        var catalog = snapshot["catalogs"]![LiveWorld.Account]!.AsObject();
        Assert.True(catalog.ContainsKey("resourcePolicy"));
        Assert.Null(catalog["resourcePolicy"]);
        Assert.False(snapshot.ContainsKey("organization"));
        var note = Assert.Single(collection.Notes);
        Assert.Contains("not in an organization", note, StringComparison.Ordinal);
        Assert.Contains("unchecked", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_role_is_a_failure_and_its_facts_are_left_out_never_guessed()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = Factory(moto);
        var missing = $"arn:aws:iam::{LiveWorld.Account}:role/gone";
        var request = FullRequest with { RoleChain = [RoleArn.Parse(LiveWorld.EntryRole), RoleArn.Parse(missing)] };

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        Assert.False(collection.IsComplete);
        Assert.Contains(collection.Failures, f => f.Call == "iam:GetRole" && f.Resource == missing && f.Code == "NoSuchEntity" && f.Permission is null);
        var gone = collection.Snapshot["roles"]![missing]!.AsObject();
        Assert.False(gone.ContainsKey("trustPolicy"));
        Assert.False(gone.ContainsKey("permissionsBoundary"));
        Assert.False(gone.ContainsKey("inlinePolicies"));
        Assert.False(gone.ContainsKey("managedPolicies"));

        // The rest of the path is still read.
        Assert.True(collection.Snapshot["roles"]![LiveWorld.EntryRole]!.AsObject().ContainsKey("trustPolicy"));
        Assert.True(collection.Snapshot["keys"]!.AsObject().ContainsKey(LiveWorld.KeyAlias));
    }

    [Fact]
    public async Task A_bucket_in_another_account_is_read_through_the_configured_role_there_assumed_once()
    {
        const string other = "210987654321";
        using var world = await LiveWorld.EmptyAsync(moto);
        await world.CreateRoleAsync("spectrum", LiveWorld.Document(LiveWorld.Allow("sts:AssumeRole", "*")));
        var trustOwn = LiveWorld.Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{LiveWorld.Account}:root" }, ["Action"] = "sts:AssumeRole" });
        using (var there = await OtherAccount.CreateAsync(moto, other))
        {
            await there.Iam.CallAsync("CreateRole", [new("RoleName", "GuardrailReader"), new("AssumeRolePolicyDocument", trustOwn)], default);
            await there.S3.PutBucketAsync("amzn-s3-demo-partner");
            await there.S3.PutBucketPolicyAsync("amzn-s3-demo-partner", LiveWorld.Document(LiveWorld.Allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-partner/*")));
        }

        using var factory = Factory(moto, accountRole: "GuardrailReader");
        var request = new SnapshotRequest(
            [RoleArn.Parse($"arn:aws:iam::{LiveWorld.Account}:role/spectrum")],
            [new TableTarget("amzn-s3-demo-partner", "a/"), new TableTarget("amzn-s3-demo-partner", "b/")],
            null,
            "us-east-1",
            new Dictionary<string, string> { ["amzn-s3-demo-partner"] = other });

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        var bucket = collection.Snapshot["buckets"]!["amzn-s3-demo-partner"]!;
        Assert.Equal(other, bucket["account"]!.GetValue<string>());
        Assert.Equal("s3:GetObject", bucket["policy"]!["Statement"]![0]!["Action"]!.GetValue<string>());
        Assert.Equal(1, collection.Calls["sts:AssumeRole"]);
        Assert.Equal(1, collection.Calls["s3:GetBucketPolicy"]);
        Assert.Equal($"arn:aws:iam::{other}:role/GuardrailReader", factory.RoleArnIn(other));
    }

    [Fact]
    public async Task Keys_named_by_default_by_id_or_by_alias_are_read_under_the_name_the_bucket_uses()
    {
        using var world = await LiveWorld.EmptyAsync(moto);
        await world.CreateRoleAsync("spectrum", LiveWorld.Document(LiveWorld.Allow("sts:AssumeRole", "*")));
        var key = (await world.Kms.CreateKeyAsync(new Amazon.KeyManagementService.Model.CreateKeyRequest())).KeyMetadata;
        foreach (var (bucket, keyId) in new[] { ("amzn-s3-demo-managed", (string?)null), ("amzn-s3-demo-by-id", key.KeyId) })
        {
            await world.S3.PutBucketAsync(bucket);
            await world.S3.PutBucketEncryptionAsync(new Amazon.S3.Model.PutBucketEncryptionRequest
            {
                BucketName = bucket,
                ServerSideEncryptionConfiguration = new() { ServerSideEncryptionRules = [new() { ServerSideEncryptionByDefault = new() { ServerSideEncryptionAlgorithm = Amazon.S3.ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = keyId } }] },
            });
        }

        using var factory = Factory(moto);
        var request = new SnapshotRequest([RoleArn.Parse($"arn:aws:iam::{LiveWorld.Account}:role/spectrum")], [new TableTarget("amzn-s3-demo-managed", string.Empty), new TableTarget("amzn-s3-demo-by-id", string.Empty)], null, "us-east-1");

        var collection = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);

        // Without a key S3 uses the AWS managed key aws/s3 of the bucket's account and Region; a bare key id is the bucket owner's key.
        var managed = $"arn:aws:kms:us-east-1:{LiveWorld.Account}:alias/aws/s3";
        Assert.Equal(managed, collection.Snapshot["buckets"]!["amzn-s3-demo-managed"]!["encryption"]!["kmsKeyArn"]!.GetValue<string>());
        Assert.Equal(key.Arn, collection.Snapshot["buckets"]!["amzn-s3-demo-by-id"]!["encryption"]!["kmsKeyArn"]!.GetValue<string>());
        Assert.Equal([managed, key.Arn], collection.Snapshot["keys"]!.AsObject().Select(k => k.Key));
        Assert.Contains(collection.Notes, n => n.StartsWith($"bucket amzn-s3-demo-by-id names its key as {key.KeyId}", StringComparison.Ordinal));
        Assert.Empty(collection.Failures);
    }

    internal static void AssertJson(JsonNode expected, JsonNode actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
            Assert.Equal(expected.ToJsonString(options), actual.ToJsonString(options));
        }
    }
}
