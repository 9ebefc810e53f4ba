using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Spectrum;

/// <summary>Which kind of Redshift reads the data: it decides whether requests come through the customer's VPC.</summary>
public enum ClusterKind
{
    /// <summary>RA3/DC2 provisioned clusters: Spectrum runs on AWS-managed fleet outside the VPC, no VPC endpoint.</summary>
    Provisioned,

    /// <summary>Redshift Serverless (and RG provisioned): the engine reaches S3 through the VPC's endpoints.</summary>
    Serverless,
}

/// <summary>What the guardrail knows about a bucket Spectrum reads.</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="SpectrumRoles">The cluster's role, or its chain (the last role makes the S3 requests).</param>
/// <param name="BucketAccount">The bucket owner's account; null means the role's account.</param>
/// <param name="Cluster">Provisioned (default) or serverless.</param>
/// <param name="VpceIds">The VPC endpoints a serverless workgroup uses, if known.</param>
/// <param name="Prefixes">The table locations (key prefixes) Spectrum reads, if known; empty means unknown.</param>
/// <param name="OrgId">The role's AWS Organizations id, if known.</param>
/// <param name="Now">The evaluation time (time-bounded conditions are checked from here on).</param>
public sealed record BucketCheckOptions(
    string Bucket,
    IReadOnlyList<RoleArn> SpectrumRoles,
    string? BucketAccount,
    ClusterKind Cluster,
    IReadOnlyList<string> VpceIds,
    IReadOnlyList<string> Prefixes,
    string? OrgId,
    DateTimeOffset Now)
{
    /// <summary>
    /// The cluster's Region, when known: Spectrum reads buckets of its own Region only (Redshift Database Developer
    /// Guide, Amazon Redshift Spectrum considerations), so it is the requests' <c>aws:RequestedRegion</c>.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// What findings add to a prefix's name when it stands for other table locations no policy tells apart (by
    /// prefix; none: it stands for itself).
    /// </summary>
    public IReadOnlyDictionary<string, string>? LocationNotes { get; init; }

    /// <summary>The role whose sessions make the S3 requests.</summary>
    public RoleArn ReadingRole => SpectrumRoles[^1];

    /// <summary>The account that owns the bucket.</summary>
    public string EffectiveBucketAccount => BucketAccount ?? ReadingRole.AccountId;

    /// <summary>Cross-account access needs a grant in the bucket policy itself.</summary>
    public bool IsCrossAccount => EffectiveBucketAccount != ReadingRole.AccountId;
}

/// <summary>What the guardrail knows about a Spectrum role whose trust policy is checked.</summary>
/// <param name="Chain">The role chain up to and including the role whose trust policy this is.</param>
/// <param name="Now">The evaluation time.</param>
public sealed record TrustCheckOptions(IReadOnlyList<RoleArn> Chain, DateTimeOffset Now)
{
    /// <summary>The role whose trust policy is checked.</summary>
    public RoleArn Role => Chain[^1];

    /// <summary>
    /// Whether the role serves a Redshift Serverless namespace, whose trust policy names
    /// <c>redshift-serverless.amazonaws.com</c> as well (not an extra principal).
    /// </summary>
    public bool Serverless { get; init; }

    /// <summary>Whether the caller judged is <c>redshift-serverless.amazonaws.com</c> rather than Redshift's own names.</summary>
    public bool AsServerless { get; init; }

    /// <summary>The role before it in the chain, or null when Redshift itself assumes it.</summary>
    public RoleArn? PreviousRole => Chain.Count > 1 ? Chain[^2] : null;
}
