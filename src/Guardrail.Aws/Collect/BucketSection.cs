using System.Text.Json.Nodes;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>buckets</c> section: each bucket's owner, policy, default encryption and Object Ownership, each read
/// against the owner the caller named (or the caller's own account), so that a bucket owned by someone else is a
/// failed read rather than a wrong account.
/// </summary>
internal static class BucketSection
{
    /// <summary>Collects the buckets; returns the section and the keys their default encryption names (snapshot id → bucket account).</summary>
    public static async Task<(JsonObject Buckets, IReadOnlyList<KeyUse> Keys)> CollectAsync(CollectionContext context, IEnumerable<string> bucketNames, IReadOnlyDictionary<string, string>? accounts)
    {
        var buckets = new JsonObject();
        var keys = new List<KeyUse>();
        foreach (var name in bucketNames.Distinct(StringComparer.Ordinal))
        {
            var account = accounts?.GetValueOrDefault(name) ?? context.OwnAccount;
            buckets[name] = await CollectBucketAsync(context, name, account, keys).ConfigureAwait(false);
        }

        return (buckets, keys);
    }

    private static async Task<JsonObject> CollectBucketAsync(CollectionContext context, string name, string account, List<KeyUse> keys)
    {
        var facts = new JsonObject { ["account"] = account };
        var token = context.Token;
        Read<DefaultEncryption?>? encryption = null;
        Read<string?>? ownership = null;
        if (await context.TryAsync(name, () => context.In(account)).ConfigureAwait(false) is { } readers)
        {
            var s3 = readers.Value.Buckets;
            if (await context.TryAsync(name, () => context.Once($"bucket-policy {account} {name}", () => s3.GetPolicyAsync(name, account, token))).ConfigureAwait(false) is { } policy)
            {
                facts["policy"] = PolicyJson.EmbedOrNull(policy.Value);
            }

            encryption = await context.TryAsync(name, () => context.Once($"encryption {account} {name}", () => s3.GetEncryptionAsync(name, account, token))).ConfigureAwait(false);
            if (encryption is not null)
            {
                facts["encryption"] = Encryption(context, name, account, encryption.Value, keys);
            }

            ownership = await context.TryAsync(name, () => context.Once($"ownership {account} {name}", () => s3.GetOwnershipAsync(name, account, token))).ConfigureAwait(false);
            if (ownership is not null)
            {
                // A bucket without ownership controls has ACLs enabled and the writer owns its objects: ObjectWriter,
                // S3's behaviour before Object Ownership existed (S3 User Guide, about-object-ownership).
                facts["ownership"] = ownership.Value ?? "ObjectWriter";
            }
        }

        // The raw answers, before the defaults above: a restore puts back (or deletes) exactly what S3 had.
        context.Facts.Bucket(name, new BucketRestoreFacts(account, encryption, ownership));
        return facts;
    }

    private static JsonObject Encryption(CollectionContext context, string bucket, string account, DefaultEncryption? encryption, List<KeyUse> keys)
    {
        // Without a default-encryption rule S3 still encrypts every new object with SSE-S3 (since January 2023:
        // S3 User Guide, default-bucket-encryption), which is what AES256 says.
        if (encryption is null || encryption.Algorithm == "AES256")
        {
            return new JsonObject { ["algorithm"] = "AES256", ["bucketKeyEnabled"] = encryption?.BucketKeyEnabled ?? false };
        }

        var keyArn = KeyArn(context, account, encryption.KmsMasterKeyId);
        if (encryption.KmsMasterKeyId is { } configured && !configured.StartsWith("arn:", StringComparison.Ordinal))
        {
            context.Note($"bucket {bucket} names its key as {configured}: S3 resolves a key id or alias in the writer's account; it is read as the bucket owner's ({keyArn})");
        }

        keys.Add(new KeyUse(keyArn, bucket));
        return new JsonObject { ["algorithm"] = encryption.Algorithm, ["kmsKeyArn"] = keyArn, ["bucketKeyEnabled"] = encryption.BucketKeyEnabled };
    }

    /// <summary>The key's ARN (or alias ARN) as the snapshot names it: without a key, S3 uses the AWS managed key <c>aws/s3</c>.</summary>
    private static string KeyArn(CollectionContext context, string account, string? configured) => configured switch
    {
        null => $"arn:{context.Partition}:kms:{context.Region}:{account}:alias/aws/s3",
        _ when configured.StartsWith("arn:", StringComparison.Ordinal) => configured,
        _ when configured.StartsWith("alias/", StringComparison.Ordinal) => $"arn:{context.Partition}:kms:{context.Region}:{account}:{configured}",
        _ => $"arn:{context.Partition}:kms:{context.Region}:{account}:key/{configured}",
    };
}

/// <summary>A key a bucket's default encryption uses.</summary>
/// <param name="KeyArn">The key ARN or alias ARN, as the snapshot names it.</param>
/// <param name="Bucket">The bucket.</param>
internal sealed record KeyUse(string KeyArn, string Bucket);
