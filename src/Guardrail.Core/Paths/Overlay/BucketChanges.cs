using Guardrail.Core.Parsing;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>A bucket's policy (<c>AWS::S3::BucketPolicy</c>, <c>aws_s3_bucket_policy</c>); removed: the bucket has no policy.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Policy">The proposed policy.</param>
public sealed record BucketPolicyChange(ChangeSource Source, string Bucket, Proposed<PolicyText> Policy) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Bucket];

    public override string Subject => Bucket;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditBucket(Bucket, facts => facts with
    {
        Policy = overlay.GivenPolicy(this, Policy, PolicyKind.Bucket, HopKind.Bucket, "bucket policy"),
    });
}

/// <summary>A bucket's default encryption (<c>BucketEncryption</c>, <c>aws_s3_bucket_server_side_encryption_configuration</c>); removed: SSE-S3, S3's default.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Encryption">The proposed encryption.</param>
public sealed record BucketEncryptionChange(ChangeSource Source, string Bucket, Proposed<BucketEncryption> Encryption) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Key];

    public override string Subject => Bucket;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditBucket(Bucket, facts => facts with
    {
        Encryption = Encryption switch
        {
            Proposed<BucketEncryption>.Set set => set.Value,
            Proposed<BucketEncryption>.Removed => new BucketEncryption(EncryptionAlgorithm.Aes256, null, false),
            Proposed<BucketEncryption>.Unknown unknown => overlay.Unresolved<BucketEncryption>(this, unknown, HopKind.Key),
            _ => throw new InvalidOperationException(Encryption.GetType().Name),
        },
    });
}

/// <summary>A bucket's Object Ownership (<c>OwnershipControls</c>, <c>aws_s3_bucket_ownership_controls</c>); removed: ACLs decide (object writer).</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Ownership">The proposed setting.</param>
public sealed record BucketOwnershipChange(ChangeSource Source, string Bucket, Proposed<ObjectOwnership> Ownership) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Ownership];

    public override string Subject => Bucket;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditBucket(Bucket, facts => facts with
    {
        Ownership = Ownership switch
        {
            Proposed<ObjectOwnership>.Set set => set.Value,
            Proposed<ObjectOwnership>.Removed => ObjectOwnership.ObjectWriter,
            Proposed<ObjectOwnership>.Unknown unknown => overlay.UnresolvedValue<ObjectOwnership>(this, unknown, HopKind.Ownership),
            _ => throw new InvalidOperationException(Ownership.GetType().Name),
        },
    });
}

/// <summary>The bucket is deleted (a template or plan deleting it): every table in it is gone.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Bucket">The bucket name.</param>
public sealed record BucketDeletedChange(ChangeSource Source, string Bucket) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Bucket];

    public override string Subject => Bucket;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.DeleteBucket(this, Bucket);
}
