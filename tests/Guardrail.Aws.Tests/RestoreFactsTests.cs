using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws.Collect;
using Guardrail.Core.Evaluation;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary>
/// The restore facts a collection gathers beside the snapshot: they match the moto world, cost no extra call, tell
/// "unknown" from "none", and are enough (with the known-good snapshot) to put every restorable hop back exactly.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RestoreFactsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly MotoServer moto;

    public RestoreFactsTests(MotoServer moto)
    {
        this.moto = moto;
    }

    [Fact]
    public async Task The_facts_of_the_realistic_path_are_the_hand_written_ones()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        var lakeRead = $"arn:aws:iam::{LiveWorld.Account}:policy/lake-read";
        await world.Iam.CallAsync("CreatePolicyVersion", [new("PolicyArn", lakeRead), new("PolicyDocument", LiveWorld.Document(LiveWorld.Allow("s3:GetObject", "*"))), new("SetAsDefault", "true")], default);
        using var factory = LiveCollectionTests.Factory(moto);

        var collection = await new SnapshotCollector(factory).CollectAsync(LiveCollectionTests.FullRequest, CancellationToken.None);

        Assert.Empty(collection.Failures);
        LiveCollectionTests.AssertJson(LiveCollectionTests.Expected(world, "full-world-facts.json"), JsonSerializer.SerializeToNode(collection.Facts, Json)!);
        Assert.Equal("v2", collection.Facts.DefaultVersionOf(lakeRead));

        // Gathered from the answers the snapshot needed: the call count is the snapshot's alone (moto answers the
        // LF-tag policy listing by resource type with a 500, so that listing is made twice: 45 here, 44 on AWS).
        Assert.Equal(45, factory.Counter.Total);
    }

    [Fact]
    public async Task What_could_not_be_read_is_unknown_and_what_is_not_set_is_none()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var missing = $"arn:aws:iam::{LiveWorld.Account}:role/gone";
        var request = LiveCollectionTests.FullRequest with { RoleChain = [RoleArn.Parse(LiveWorld.EntryRole), RoleArn.Parse(missing)] };

        var facts = (await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None)).Facts;

        var gone = facts.Roles[missing];
        Assert.Null(gone.PermissionsBoundary);
        Assert.Null(gone.AttachedPolicyArns);
        Assert.Empty(gone.DefaultVersions);
        var entry = facts.Roles[LiveWorld.EntryRole];
        Assert.NotNull(entry.PermissionsBoundary);
        Assert.Null(entry.PermissionsBoundary.Value);
        Assert.Null(facts.DefaultVersionOf($"arn:aws:iam::{LiveWorld.Account}:policy/lake-read"));
        Assert.Equal(new Read<string?>(null), facts.Buckets[LiveWorld.RawBucket].Ownership);
    }

    [Fact]
    public async Task Every_restorable_hop_broken_at_once_is_put_back_from_the_facts_and_the_known_good_snapshot()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        var request = LiveCollectionTests.FullRequest;
        SnapshotCollection good;
        using (var factory = LiveCollectionTests.Factory(moto))
        {
            good = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);
        }

        await BreakEverythingAsync(world, good.Facts);
        using (var factory = LiveCollectionTests.Factory(moto))
        {
            var broken = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);
            Assert.False(JsonNode.DeepEquals(good.Snapshot, broken.Snapshot));
            await RestoreAsync(factory, good, broken.Facts);
        }

        using (var factory = LiveCollectionTests.Factory(moto))
        {
            var restored = await new SnapshotCollector(factory).CollectAsync(request, CancellationToken.None);
            LiveCollectionTests.AssertJson(good.Snapshot, restored.Snapshot);
            LiveCollectionTests.AssertJson(JsonSerializer.SerializeToNode(good.Facts, Json)!, JsonSerializer.SerializeToNode(restored.Facts, Json)!);
        }
    }

    // What the tests break: an inline and a managed policy gone, a new default version, a boundary without
    // S3, one added, a key policy without the account delegation, the key scheduled for deletion, the bucket's
    // default encryption switched to aws/s3, Object Ownership changed on one bucket and added on the other.
    private static async Task BreakEverythingAsync(LiveWorld world, RestoreFacts facts)
    {
        var noS3 = await world.CreatePolicyAsync("no-s3", LiveWorld.Document(LiveWorld.Allow("glue:Get*", "*")));
        var baseline = $"arn:aws:iam::{LiveWorld.Account}:policy/spectrum-baseline";
        var reader = RoleArn.Parse(LiveWorld.ReaderRole).Name;
        await world.Iam.CallAsync("DeleteRolePolicy", [new("RoleName", reader), new("PolicyName", "kms-decrypt")], default);
        await world.Iam.CallAsync("DetachRolePolicy", [new("RoleName", reader), new("PolicyArn", $"arn:aws:iam::{LiveWorld.Account}:policy/lake-read")], default);
        await world.Iam.CallAsync("CreatePolicyVersion", [new("PolicyArn", baseline), new("PolicyDocument", LiveWorld.Document(LiveWorld.Allow("glue:Get*", "*"))), new("SetAsDefault", "true")], default);
        await world.Iam.CallAsync("PutRolePermissionsBoundary", [new("RoleName", reader), new("PermissionsBoundary", noS3)], default);
        await world.Iam.CallAsync("PutRolePermissionsBoundary", [new("RoleName", "spectrum-entry"), new("PermissionsBoundary", noS3)], default);
        var keyId = facts.Keys[LiveWorld.KeyAlias].KeyId;
        await world.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = keyId, PolicyName = "default", Policy = LiveWorld.Document(LiveWorld.Allow("kms:Decrypt", "*")) });
        await world.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });
        foreach (var bucket in new[] { LiveWorld.Lake, LiveWorld.RawBucket })
        {
            await world.S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
            {
                BucketName = bucket,
                ServerSideEncryptionConfiguration = new() { ServerSideEncryptionRules = [new() { ServerSideEncryptionByDefault = new() { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS } }] },
            });
            var ownership = bucket == LiveWorld.Lake ? ObjectOwnership.ObjectWriter : ObjectOwnership.BucketOwnerEnforced;
            await world.S3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest { BucketName = bucket, OwnershipControls = new() { Rules = [new() { ObjectOwnership = ownership }] } });
        }
    }

    /// <summary>Puts back every hop that differs, from the known-good collection's facts and documents only.</summary>
    private static async Task RestoreAsync(Accounts.AccountClientFactory factory, SnapshotCollection good, RestoreFacts now)
    {
        foreach (var (arn, was) in good.Facts.Roles)
        {
            var role = RoleArn.Parse(arn);
            var iam = (await factory.WritersForAccountAsync(role.AccountId, default)).Iam;
            var current = now.Roles[arn];
            foreach (var (name, document) in good.Snapshot["roles"]![arn]!["inlinePolicies"]!.AsObject())
            {
                await iam.PutRolePolicyAsync(role.Name, name, document!.ToJsonString(), default);
            }

            foreach (var policy in was.AttachedPolicyArns!.Except(current.AttachedPolicyArns!))
            {
                await iam.AttachRolePolicyAsync(role.Name, policy, default);
            }

            foreach (var (policy, version) in was.DefaultVersions.Where(v => current.DefaultVersions.GetValueOrDefault(v.Key) != v.Value))
            {
                await iam.SetDefaultPolicyVersionAsync(policy, version, default);
            }

            await (was.PermissionsBoundary!.Value is { } boundary
                ? iam.PutRolePermissionsBoundaryAsync(role.Name, boundary, default)
                : iam.DeleteRolePermissionsBoundaryAsync(role.Name, default));
        }

        foreach (var (reference, was) in good.Facts.Keys)
        {
            // The bucket now names another key, so the collection did not describe this one: read its state by its id.
            var arn = was.Arn.Split(':');
            var kms = (await factory.WritersForAccountAsync(arn[4], default)).Keys(arn[3]);
            await kms.PutKeyPolicyAsync(was.KeyId, good.Snapshot["keys"]![reference]!["policy"]!.ToJsonString(), default);
            Assert.False(now.Keys.ContainsKey(reference));
            var state = (await (await factory.ForAccountAsync(arn[4], default)).Keys(arn[3]).DescribeKeyAsync(was.KeyId, default)).State;
            if (state == "PendingDeletion")
            {
                await kms.CancelKeyDeletionAsync(was.KeyId, default);
            }

            await kms.EnableKeyAsync(was.KeyId, default);
        }

        foreach (var (bucket, was) in good.Facts.Buckets)
        {
            var s3 = (await factory.WritersForAccountAsync(was.Account, default)).Buckets;
            await (was.Encryption!.Value is { } rule
                ? s3.PutEncryptionAsync(bucket, was.Account, rule, default)
                : s3.DeleteEncryptionAsync(bucket, was.Account, default));
            await (was.Ownership!.Value is { } ownership
                ? s3.PutOwnershipAsync(bucket, was.Account, ownership, default)
                : s3.DeleteOwnershipAsync(bucket, was.Account, default));
        }
    }
}
