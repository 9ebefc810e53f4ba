namespace Guardrail.Core.Paths;

/// <summary>The hops of Spectrum's access path, in path order (the order results list them).</summary>
public enum HopKind
{
    /// <summary>Redshift may assume the first role; each next role of the chain trusts the previous one.</summary>
    Trust,

    /// <summary>The first role of the chain is attached to the cluster or namespace.</summary>
    Association,

    /// <summary>The reading role's own policies, capped by its permissions boundary and the SCPs.</summary>
    Identity,

    /// <summary>The bucket policy and the bucket account's RCPs.</summary>
    Bucket,

    /// <summary>The KMS key of SSE-KMS buckets: state, key policy, grants and the key account's RCPs.</summary>
    Key,

    /// <summary>The Glue Data Catalog's resource policy.</summary>
    Catalog,

    /// <summary>S3 Object Ownership for cross-account readers.</summary>
    Ownership,

    /// <summary>Lake Formation permissions (not judged yet).</summary>
    LakeFormation,

    /// <summary>The S3 VPC endpoint policies of Serverless with enhanced VPC routing.</summary>
    VpcEndpoint,
}

/// <summary>What a hop's judgement came to.</summary>
public enum HopStatus
{
    Ok,
    AtRisk,
    Breaks,

    /// <summary>Its inputs were not in the snapshot: not verified, and not counted in the path's verdict.</summary>
    Unchecked,
}

/// <summary>Text forms of hops and hop statuses for JSON, text output and alerts.</summary>
public static class HopText
{
    /// <summary>The hop's stable name: <c>trust</c>, <c>association</c>, ... <c>lake-formation</c>, <c>vpc-endpoint</c>.</summary>
    public static string ToText(this HopKind hop) => hop switch
    {
        HopKind.Trust => "trust",
        HopKind.Association => "association",
        HopKind.Identity => "identity",
        HopKind.Bucket => "bucket",
        HopKind.Key => "key",
        HopKind.Catalog => "catalog",
        HopKind.Ownership => "ownership",
        HopKind.LakeFormation => "lake-formation",
        _ => "vpc-endpoint",
    };

    /// <summary><c>ok</c>, <c>at-risk</c>, <c>breaks</c> or <c>unchecked</c>.</summary>
    public static string ToText(this HopStatus status) => status switch
    {
        HopStatus.Ok => "ok",
        HopStatus.AtRisk => "at-risk",
        HopStatus.Breaks => "breaks",
        _ => "unchecked",
    };
}
