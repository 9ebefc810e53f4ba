namespace Guardrail.Aws.S3;

/// <summary>
/// The S3 reads of a bucket's part of Spectrum's access path, each checked against the owner the caller expects
/// (S3 refuses the call when another account owns the bucket). "None" answers are null, not failures; failures
/// throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IBucketSettings
{
    /// <summary><c>GetBucketPolicy</c>: the policy text, or null when the bucket has none.</summary>
    Task<string?> GetPolicyAsync(string bucket, string expectedOwner, CancellationToken cancellationToken);

    /// <summary><c>GetBucketEncryption</c>: the first default-encryption rule, or null when the bucket has none.</summary>
    Task<DefaultEncryption?> GetEncryptionAsync(string bucket, string expectedOwner, CancellationToken cancellationToken);

    /// <summary><c>GetBucketOwnershipControls</c>: the Object Ownership setting, or null when the bucket has no ownership controls.</summary>
    Task<string?> GetOwnershipAsync(string bucket, string expectedOwner, CancellationToken cancellationToken);
}

/// <summary>A bucket's default encryption as S3 reports it.</summary>
/// <param name="Algorithm"><c>AES256</c>, <c>aws:kms</c> or <c>aws:kms:dsse</c>.</param>
/// <param name="KmsMasterKeyId">The key as configured (key id, key ARN, alias name or alias ARN); null for the AWS managed key or SSE-S3.</param>
/// <param name="BucketKeyEnabled">Whether S3 Bucket Keys are on.</param>
public sealed record DefaultEncryption(string Algorithm, string? KmsMasterKeyId, bool BucketKeyEnabled);
