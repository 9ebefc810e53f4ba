using System.Text.Json.Nodes;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Query;
using Guardrail.Aws.S3;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests;

/// <summary>
/// Each restore writer against moto: the change is made with the SDK or the Query client as a user would, the
/// writer undoes it, the reader reads back what was there before. Writers come from the factory, as the function
/// gets them, and every write is counted.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class WriterTests
{
    private const string Reader = "spectrum-reader";
    private readonly MotoServer moto;

    public WriterTests(MotoServer moto)
    {
        this.moto = moto;
    }

    [Fact]
    public async Task A_deleted_inline_policy_is_put_back_and_an_added_one_deleted()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var before = await readers.Iam.GetInlinePolicyAsync(Reader, "kms-decrypt", default);
        await world.Iam.CallAsync("DeleteRolePolicy", [new("RoleName", Reader), new("PolicyName", "kms-decrypt")], default);
        await world.Iam.CallAsync("PutRolePolicy", [new("RoleName", Reader), new("PolicyName", "deny-s3"), new("PolicyDocument", LiveWorld.Document(Deny("s3:*")))], default);

        await writers.Iam.PutRolePolicyAsync(Reader, "kms-decrypt", before, default);
        await writers.Iam.DeleteRolePolicyAsync(Reader, "deny-s3", default);

        Assert.Equal(["glue-catalog", "kms-decrypt"], (await readers.Iam.ListInlinePolicyNamesAsync(Reader, default)).Order(StringComparer.Ordinal));
        Assert.Equal(before, await readers.Iam.GetInlinePolicyAsync(Reader, "kms-decrypt", default));
        AssertWrites(factory, "iam:DeleteRolePolicy", "iam:PutRolePolicy");
    }

    [Fact]
    public async Task A_detached_policy_is_attached_again_and_an_attached_one_detached()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var before = await readers.Iam.ListAttachedPolicyArnsAsync(Reader, default);
        var lakeRead = Assert.Single(before, arn => arn.EndsWith("/lake-read", StringComparison.Ordinal));
        var denyAll = await world.CreatePolicyAsync("deny-s3", LiveWorld.Document(Deny("s3:*")));
        await world.Iam.CallAsync("DetachRolePolicy", [new("RoleName", Reader), new("PolicyArn", lakeRead)], default);
        await world.Iam.CallAsync("AttachRolePolicy", [new("RoleName", Reader), new("PolicyArn", denyAll)], default);

        await writers.Iam.AttachRolePolicyAsync(Reader, lakeRead, default);
        await writers.Iam.DetachRolePolicyAsync(Reader, denyAll, default);

        Assert.Equal(before.Order(StringComparer.Ordinal), (await readers.Iam.ListAttachedPolicyArnsAsync(Reader, default)).Order(StringComparer.Ordinal));
        AssertWrites(factory, "iam:AttachRolePolicy", "iam:DetachRolePolicy");
    }

    [Fact]
    public async Task A_new_default_version_is_set_back()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var lakeRead = (await readers.Iam.ListAttachedPolicyArnsAsync(Reader, default)).Single(arn => arn.EndsWith("/lake-read", StringComparison.Ordinal));
        var before = await readers.Iam.GetDefaultPolicyVersionAsync(lakeRead, default);
        await world.Iam.CallAsync("CreatePolicyVersion", [new("PolicyArn", lakeRead), new("PolicyDocument", LiveWorld.Document(LiveWorld.Allow("s3:ListBucket", "*"))), new("SetAsDefault", "true")], default);
        Assert.Equal("v2", (await readers.Iam.GetDefaultPolicyVersionAsync(lakeRead, default)).VersionId);

        await writers.Iam.SetDefaultPolicyVersionAsync(lakeRead, before.VersionId, default);

        Assert.Equal("v1", before.VersionId);
        Assert.Equal(before, await readers.Iam.GetDefaultPolicyVersionAsync(lakeRead, default));
        AssertWrites(factory, "iam:SetDefaultPolicyVersion");
    }

    [Fact]
    public async Task A_replaced_boundary_is_put_back_and_an_added_one_deleted()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var before = (await readers.Iam.GetRoleAsync(Reader, default)).PermissionsBoundaryArn;
        var noS3 = await world.CreatePolicyAsync("no-s3", LiveWorld.Document(LiveWorld.Allow("glue:Get*", "*")));
        await world.Iam.CallAsync("PutRolePermissionsBoundary", [new("RoleName", Reader), new("PermissionsBoundary", noS3)], default);
        await world.Iam.CallAsync("PutRolePermissionsBoundary", [new("RoleName", "spectrum-entry"), new("PermissionsBoundary", noS3)], default);

        await writers.Iam.PutRolePermissionsBoundaryAsync(Reader, before!, default);
        await writers.Iam.DeleteRolePermissionsBoundaryAsync("spectrum-entry", default);

        Assert.EndsWith(":policy/spectrum-boundary", before, StringComparison.Ordinal);
        Assert.Equal(before, (await readers.Iam.GetRoleAsync(Reader, default)).PermissionsBoundaryArn);
        Assert.Null((await readers.Iam.GetRoleAsync("spectrum-entry", default)).PermissionsBoundaryArn);
        AssertWrites(factory, "iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary");
    }

    [Fact]
    public async Task A_key_policy_without_the_account_delegation_is_put_back()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var kms = readers.Keys("us-east-1");
        var key = await kms.DescribeKeyAsync(LiveWorld.KeyAlias, default);
        var before = await kms.GetKeyPolicyAsync(key.Arn, default);
        var onlyReader = LiveWorld.Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = LiveWorld.ReaderRole }, ["Action"] = "kms:Decrypt", ["Resource"] = "*" });
        await world.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default", Policy = onlyReader });

        await writers.Keys("us-east-1").PutKeyPolicyAsync(key.KeyId, before, default);

        Assert.Equal(before, await kms.GetKeyPolicyAsync(key.Arn, default));
        AssertWrites(factory, "kms:PutKeyPolicy");
    }

    [Fact]
    public async Task A_disabled_key_is_enabled()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var kms = readers.Keys("us-east-1");
        var key = await kms.DescribeKeyAsync(LiveWorld.KeyAlias, default);
        await world.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
        Assert.Equal("Disabled", (await kms.DescribeKeyAsync(key.Arn, default)).State);

        await writers.Keys("us-east-1").EnableKeyAsync(key.KeyId, default);

        Assert.Equal(key, await kms.DescribeKeyAsync(LiveWorld.KeyAlias, default));
        Assert.Equal("Enabled", key.State);
        AssertWrites(factory, "kms:EnableKey");
    }

    [Fact]
    public async Task A_key_scheduled_for_deletion_is_cancelled_and_enabled_again()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var kms = readers.Keys("us-east-1");
        var key = await kms.DescribeKeyAsync(LiveWorld.KeyAlias, default);
        await world.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });
        Assert.Equal("PendingDeletion", (await kms.DescribeKeyAsync(key.Arn, default)).State);
        var keyWriter = writers.Keys("us-east-1");

        await keyWriter.CancelKeyDeletionAsync(key.KeyId, default);

        // Cancelling leaves the key disabled: the restore is both calls.
        Assert.Equal("Disabled", (await kms.DescribeKeyAsync(key.Arn, default)).State);
        await keyWriter.EnableKeyAsync(key.KeyId, default);
        Assert.Equal(key, await kms.DescribeKeyAsync(LiveWorld.KeyAlias, default));
        AssertWrites(factory, "kms:CancelKeyDeletion", "kms:EnableKey");
    }

    [Fact]
    public async Task Default_encryption_switched_to_the_aws_managed_key_is_put_back_and_an_added_one_deleted()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var before = await readers.Buckets.GetEncryptionAsync(LiveWorld.Lake, LiveWorld.Account, default);
        Assert.Null(await readers.Buckets.GetEncryptionAsync(LiveWorld.RawBucket, LiveWorld.Account, default));
        await PutEncryptionAsync(world, LiveWorld.Lake);
        await PutEncryptionAsync(world, LiveWorld.RawBucket);

        await writers.Buckets.PutEncryptionAsync(LiveWorld.Lake, LiveWorld.Account, before!, default);
        await writers.Buckets.DeleteEncryptionAsync(LiveWorld.RawBucket, LiveWorld.Account, default);

        Assert.Equal(new DefaultEncryption("aws:kms", LiveWorld.KeyAlias, true), before);
        Assert.Equal(before, await readers.Buckets.GetEncryptionAsync(LiveWorld.Lake, LiveWorld.Account, default));
        Assert.Null(await readers.Buckets.GetEncryptionAsync(LiveWorld.RawBucket, LiveWorld.Account, default));
        AssertWrites(factory, "s3:DeleteBucketEncryption", "s3:PutBucketEncryption");
    }

    [Fact]
    public async Task Object_ownership_is_put_back_and_added_controls_deleted()
    {
        using var scene = await SceneAsync();
        var (world, factory, readers, writers) = scene;
        var before = await readers.Buckets.GetOwnershipAsync(LiveWorld.Lake, LiveWorld.Account, default);
        Assert.Null(await readers.Buckets.GetOwnershipAsync(LiveWorld.RawBucket, LiveWorld.Account, default));
        await PutOwnershipAsync(world, LiveWorld.Lake, ObjectOwnership.ObjectWriter);
        await PutOwnershipAsync(world, LiveWorld.RawBucket, ObjectOwnership.BucketOwnerEnforced);

        await writers.Buckets.PutOwnershipAsync(LiveWorld.Lake, LiveWorld.Account, before!, default);
        await writers.Buckets.DeleteOwnershipAsync(LiveWorld.RawBucket, LiveWorld.Account, default);

        Assert.Equal("BucketOwnerEnforced", before);
        Assert.Equal(before, await readers.Buckets.GetOwnershipAsync(LiveWorld.Lake, LiveWorld.Account, default));
        Assert.Null(await readers.Buckets.GetOwnershipAsync(LiveWorld.RawBucket, LiveWorld.Account, default));
        AssertWrites(factory, "s3:DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls");
    }

    [Fact]
    public async Task Readers_and_writers_of_another_account_come_from_one_assumed_role_session()
    {
        const string other = "210987654321";
        using var world = await LiveWorld.EmptyAsync(moto);
        using (var there = await OtherAccount.CreateAsync(moto, other))
        {
            await there.S3.PutBucketAsync("amzn-s3-demo-partner");
        }

        using var factory = LiveCollectionTests.Factory(moto, accountRole: "GuardrailRestorer");
        var writers = await factory.WritersForAccountAsync(other, default);
        var readers = await factory.ForAccountAsync(other, default);

        await writers.Buckets.PutOwnershipAsync("amzn-s3-demo-partner", other, "BucketOwnerEnforced", default);

        Assert.Equal("BucketOwnerEnforced", await readers.Buckets.GetOwnershipAsync("amzn-s3-demo-partner", other, default));
        Assert.Equal(1, factory.Counter.Counts["sts:AssumeRole"]);
    }

    private async Task<Scene> SceneAsync()
    {
        var world = await LiveWorld.CreateAsync(moto);
        var factory = LiveCollectionTests.Factory(moto);
        return new Scene(world, factory, await factory.ForAccountAsync(LiveWorld.Account, default), await factory.WritersForAccountAsync(LiveWorld.Account, default));
    }

    /// <summary>The writes counted are exactly <paramref name="calls"/>, once each (reads are counted too, and left aside).</summary>
    private static void AssertWrites(AccountClientFactory factory, params string[] calls)
    {
        var writes = factory.Counter.Counts.Where(c => !IsRead(c.Key)).ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(calls.ToDictionary(c => c, _ => 1), writes);
    }

    private static bool IsRead(string call)
    {
        var operation = call[(call.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) || operation.StartsWith("Describe", StringComparison.Ordinal);
    }

    private static JsonObject Deny(string action) => new() { ["Effect"] = "Deny", ["Action"] = action, ["Resource"] = "*" };

    // SSE-KMS with no key named: the AWS managed key aws/s3, which a reader in another account cannot use.
    private static async Task PutEncryptionAsync(LiveWorld world, string bucket) =>
        await world.S3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new() { ServerSideEncryptionRules = [new() { ServerSideEncryptionByDefault = new() { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS } }] },
        });

    private static async Task PutOwnershipAsync(LiveWorld world, string bucket, ObjectOwnership ownership) =>
        await world.S3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest { BucketName = bucket, OwnershipControls = new() { Rules = [new() { ObjectOwnership = ownership }] } });

    /// <summary>The realistic world, and the readers and writers of its account from one factory.</summary>
    private sealed record Scene(LiveWorld World, AccountClientFactory Factory, IPathReaders Readers, IPathWriters Writers) : IDisposable
    {
        public void Dispose()
        {
            Factory.Dispose();
            World.Dispose();
        }
    }
}
