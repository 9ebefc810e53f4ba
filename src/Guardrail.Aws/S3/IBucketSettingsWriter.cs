namespace Guardrail.Aws.S3;

/// <summary>
/// The S3 writes that put a bucket's default encryption and Object Ownership back to a known-good state, each
/// checked against the owner the caller expects (S3 refuses the call when another account owns the bucket). The
/// values are those <see cref="IBucketSettings"/> reads, so what was read can be written back as it was. Every write
/// is counted; failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IBucketSettingsWriter
{
    /// <summary><c>PutBucketEncryption</c>: one default-encryption rule (restoring it does not re-encrypt objects already written).</summary>
    Task PutEncryptionAsync(string bucket, string expectedOwner, DefaultEncryption encryption, CancellationToken cancellationToken);

    /// <summary><c>DeleteBucketEncryption</c>: no rule (S3 then encrypts new objects with SSE-S3).</summary>
    Task DeleteEncryptionAsync(string bucket, string expectedOwner, CancellationToken cancellationToken);

    /// <summary><c>PutBucketOwnershipControls</c>: <c>BucketOwnerEnforced</c>, <c>BucketOwnerPreferred</c> or <c>ObjectWriter</c>.</summary>
    Task PutOwnershipAsync(string bucket, string expectedOwner, string objectOwnership, CancellationToken cancellationToken);

    /// <summary><c>DeleteBucketOwnershipControls</c>: no ownership controls.</summary>
    Task DeleteOwnershipAsync(string bucket, string expectedOwner, CancellationToken cancellationToken);
}
