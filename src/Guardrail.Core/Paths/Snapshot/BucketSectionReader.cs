using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the <c>buckets</c> section: per bucket name, its owner, policy, default encryption and Object Ownership.</summary>
internal static class BucketSectionReader
{
    private static readonly KnownNames BucketNames = new("account", "policy", "encryption", "ownership");
    private static readonly KnownNames EncryptionNames = new("algorithm", "kmsKeyArn", "bucketKeyEnabled");

    private static readonly (string, EncryptionAlgorithm)[] Algorithms =
        [("AES256", EncryptionAlgorithm.Aes256), ("aws:kms", EncryptionAlgorithm.Kms), ("aws:kms:dsse", EncryptionAlgorithm.KmsDsse)];

    private static readonly (string, ObjectOwnership)[] Ownerships =
    [
        ("BucketOwnerEnforced", ObjectOwnership.BucketOwnerEnforced),
        ("BucketOwnerPreferred", ObjectOwnership.BucketOwnerPreferred),
        ("ObjectWriter", ObjectOwnership.ObjectWriter),
    ];

    public static Dictionary<string, BucketFacts> Read(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, AwsIdentifiers.BucketNameProblem, static (bucket, bucketPath, _) => Bucket(bucket, bucketPath));

    private static BucketFacts Bucket(JsonElement element, JsonLocation path)
    {
        var bucket = SnapshotObject.Read(element, path, BucketNames);
        var account = bucket.TryGet(0, out var accountElement, out var accountPath) ? SnapshotJson.Checked(accountElement, accountPath, AwsIdentifiers.AccountIdProblem) : null;
        var policy = bucket.TryGet(1, out var policyElement, out var policyPath) ? SnapshotPolicies.ReadGiven(policyElement, policyPath, PolicyKind.Bucket) : null;
        var encryption = bucket.TryGet(2, out var encryptionElement, out var encryptionPath) ? Encryption(encryptionElement, encryptionPath) : null;
        ObjectOwnership? ownership = bucket.TryGet(3, out var ownershipElement, out var ownershipPath) ? SnapshotJson.Choice(ownershipElement, ownershipPath, Ownerships) : null;
        return new BucketFacts(account, policy, encryption, ownership);
    }

    private static BucketEncryption Encryption(JsonElement element, JsonLocation path)
    {
        var encryption = SnapshotObject.Read(element, path, EncryptionNames);
        var algorithm = SnapshotJson.Choice(encryption.Required(0, out var algorithmPath), algorithmPath, Algorithms);
        var hasKey = encryption.TryGet(1, out var keyElement, out var keyPath) && keyElement.ValueKind != JsonValueKind.Null;
        var bucketKey = encryption.TryGet(2, out var bucketKeyElement, out var bucketKeyPath) && SnapshotJson.Boolean(bucketKeyElement, bucketKeyPath);
        string? key = null;
        if (algorithm == EncryptionAlgorithm.Aes256)
        {
            if (hasKey)
            {
                throw SnapshotJson.Error(keyPath, "SSE-S3 (\"AES256\") uses no KMS key; remove \"kmsKeyArn\" or set the algorithm to \"aws:kms\"");
            }
        }
        else
        {
            // The key as S3 names it (key ARN or alias), also the id the "keys" section uses for it.
            key = hasKey
                ? SnapshotJson.Checked(keyElement, keyPath, AwsIdentifiers.KmsKeyProblem)
                : throw SnapshotJson.Error(encryption.Path, "missing required property \"kmsKeyArn\" (SSE-KMS names its key; for the AWS managed key give its alias ARN, arn:aws:kms:REGION:ACCOUNT:alias/aws/s3)");
        }

        return new BucketEncryption(algorithm, key, bucketKey);
    }
}
