using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// The request context Redshift Spectrum's S3 requests carry, as documented (seed and aws-facts): made as the
/// cluster role's session, over HTTPS with SigV4, user agent <c>AWS Redshift/Spectrum</c>; from AWS-owned
/// addresses outside the VPC on provisioned clusters, through the VPC's endpoint on serverless.
/// Everything AWS does not document is unknowable rather than guessed.
/// </summary>
public static class SpectrumContext
{
    /// <summary>The user agent Spectrum sends.</summary>
    public const string UserAgent = "AWS Redshift/Spectrum";

    /// <summary>How long Spectrum's presigned URLs are valid, in milliseconds.</summary>
    public const long PresignedUrlLifetimeMs = 3_600_000;

    /// <summary>The context keys shared by all of Spectrum's S3 requests for this bucket.</summary>
    public static RequestContext ForBucket(BucketCheckOptions options)
    {
        var role = options.ReadingRole;
        var provisioned = options.Cluster == ClusterKind.Provisioned;
        var values = new Dictionary<string, ContextValue>
        {
            ["aws:PrincipalArn"] = ContextValue.Of(role.Arn),
            ["aws:PrincipalAccount"] = ContextValue.Of(role.AccountId),
            ["aws:PrincipalType"] = ContextValue.Of("AssumedRole"),
            ["aws:PrincipalIsAWSService"] = ContextValue.Of("false"),
            ["aws:PrincipalServiceName"] = ContextValue.Absent,
            ["aws:userid"] = ContextValue.Unknowable("the role's unique id and Redshift's session name are not known", mayBeAbsent: false),
            ["aws:username"] = ContextValue.Absent,
            ["aws:PrincipalOrgID"] = options.OrgId is null
                ? ContextValue.Unknowable("the role's AWS Organizations id was not configured (--org-id)")
                : ContextValue.Of(options.OrgId),
            ["aws:PrincipalOrgPaths"] = ContextValue.Unknowable("the role's organization path is not known"),
            ["aws:SecureTransport"] = ContextValue.Of("true"),
            ["aws:UserAgent"] = ContextValue.Of(UserAgent),
            ["aws:SourceIp"] = provisioned
                ? ContextValue.Unknowable("Spectrum connects from AWS-owned addresses outside your VPC", mayBeAbsent: false)
                : ContextValue.Absent,
            ["aws:VpcSourceIp"] = provisioned
                ? ContextValue.Absent
                : ContextValue.Unknowable("the workgroup's private address is not known", mayBeAbsent: false),
            ["aws:SourceVpce"] = provisioned ? ContextValue.Absent : VpceValue(options.VpceIds),
            ["aws:SourceVpc"] = provisioned
                ? ContextValue.Absent
                : ContextValue.Unknowable("the workgroup's VPC id is not known", mayBeAbsent: false),
            ["aws:SourceVpcArn"] = provisioned
                ? ContextValue.Absent
                : ContextValue.Unknowable("the workgroup's VPC ARN is not known", mayBeAbsent: false),
            ["aws:ViaAWSService"] = ContextValue.OneOf(
                "AWS does not document whether Spectrum's presigned requests count as made via an AWS service",
                ContextValue.Of("true"),
                ContextValue.Of("false")),
            ["aws:MultiFactorAuthPresent"] = ContextValue.OneOf(
                "Redshift's role session has no MFA; whether the key is sent as false or left out is not documented",
                ContextValue.Absent,
                ContextValue.Of("false")),
            ["aws:MultiFactorAuthAge"] = ContextValue.Absent,
            ["aws:SourceAccount"] = ContextValue.Absent,
            ["aws:SourceArn"] = ContextValue.Absent,
            ["aws:SourceOrgID"] = ContextValue.Absent,
            ["aws:SourceOrgPaths"] = ContextValue.Absent,
            ["aws:FederatedProvider"] = ContextValue.Absent,
            ["aws:TagKeys"] = ContextValue.Absent,
            ["aws:ResourceAccount"] = ContextValue.Of(options.EffectiveBucketAccount),
            ["s3:ResourceAccount"] = ContextValue.Of(options.EffectiveBucketAccount),
            ["s3:signatureversion"] = ContextValue.Of("AWS4-HMAC-SHA256"),
            ["s3:TlsVersion"] = ContextValue.OneOf("Spectrum uses TLS 1.2 or later", ContextValue.Of("1.2"), ContextValue.Of("1.3")),
            ["s3:DataAccessPointArn"] = ContextValue.Absent,
            ["s3:DataAccessPointAccount"] = ContextValue.Absent,
            ["s3:AccessPointNetworkOrigin"] = ContextValue.Absent,
            ["s3:x-amz-server-side-encryption"] = ContextValue.Absent,
            ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = ContextValue.Absent,
            ["s3:x-amz-acl"] = ContextValue.Absent,
            ["s3:VersionId"] = ContextValue.Absent,
            ["s3:locationconstraint"] = ContextValue.Absent,
        };
        var prefixes = new (string, ContextValue)[]
        {
            ("aws:RequestTag/", ContextValue.Absent),
            ("aws:PrincipalTag/", ContextValue.Unknowable("the role's tags are not known")),
            ("aws:ResourceTag/", ContextValue.Unknowable("the bucket's tags are not known")),
            ("s3:ExistingObjectTag/", ContextValue.Unknowable("the objects' tags are not known")),
            ("s3:RequestObjectTag", ContextValue.Absent),
            ("s3:object-lock-", ContextValue.Absent),
        };
        return new RequestContext(values, prefixes);
    }

    /// <summary>The context for Redshift (or the previous role of a chain) assuming the role.</summary>
    public static RequestContext ForAssumeRole(TrustCheckOptions options)
    {
        var previous = options.PreviousRole;
        var values = new Dictionary<string, ContextValue>
        {
            ["aws:SecureTransport"] = ContextValue.Of("true"),
            ["aws:SourceIp"] = ContextValue.Unknowable("Redshift calls STS from AWS-owned addresses", mayBeAbsent: true),
            ["aws:SourceVpce"] = ContextValue.Absent,
            ["aws:SourceVpc"] = ContextValue.Absent,
            ["sts:ExternalId"] = previous is null
                ? ContextValue.Unknowable(
                    "Redshift passes the ARN of the database user running the query (arn:aws:redshift:REGION:ACCOUNT:dbuser:CLUSTER/USER); which users run Spectrum queries is not known",
                    mayBeAbsent: false)
                : ContextValue.Absent,
            ["aws:SourceAccount"] = previous is null
                ? ContextValue.Unknowable("whether Redshift sends the cluster's account as aws:SourceAccount is not documented")
                : ContextValue.Absent,
            ["aws:SourceArn"] = previous is null
                ? ContextValue.Unknowable("whether Redshift sends the cluster's ARN as aws:SourceArn is not documented")
                : ContextValue.Absent,
            ["aws:MultiFactorAuthPresent"] = previous is null
                ? ContextValue.Absent
                : ContextValue.OneOf("whether the key is sent as false or left out is not documented", ContextValue.Absent, ContextValue.Of("false")),
            ["aws:PrincipalIsAWSService"] = ContextValue.Of(previous is null ? "true" : "false"),
            ["aws:PrincipalServiceName"] = previous is null ? ContextValue.Of(RedshiftPrincipal.Global) : ContextValue.Absent,
            ["aws:PrincipalArn"] = previous is null ? ContextValue.Absent : ContextValue.Of(previous.Arn),
            ["aws:PrincipalAccount"] = previous is null ? ContextValue.Absent : ContextValue.Of(previous.AccountId),
            ["aws:PrincipalType"] = previous is null ? ContextValue.Absent : ContextValue.Of("AssumedRole"),
            ["aws:userid"] = previous is null
                ? ContextValue.Absent
                : ContextValue.Unknowable("the role's unique id and session name are not known", mayBeAbsent: false),
            ["aws:PrincipalOrgID"] = previous is null
                ? ContextValue.Absent
                : ContextValue.Unknowable("the previous role's organization is not known"),
            ["aws:ViaAWSService"] = ContextValue.Of("false"),
            ["aws:ResourceAccount"] = ContextValue.Of(options.Role.AccountId),
            ["aws:TagKeys"] = ContextValue.Absent,
            ["sts:RoleSessionName"] = ContextValue.Unknowable("Redshift's session name is not known", mayBeAbsent: false),
            ["sts:SourceIdentity"] = ContextValue.Absent,
        };
        var prefixes = new (string, ContextValue)[]
        {
            ("aws:RequestTag/", ContextValue.Absent),
            ("aws:PrincipalTag/", previous is null ? ContextValue.Absent : ContextValue.Unknowable("the previous role's tags are not known")),
            ("aws:ResourceTag/", ContextValue.Unknowable("the role's tags are not known")),
        };
        return new RequestContext(values, prefixes);
    }

    private static ContextValue VpceValue(IReadOnlyList<string> vpceIds) =>
        vpceIds.Count switch
        {
            0 => ContextValue.Unknowable("the VPC endpoint the serverless workgroup uses was not configured (--vpce)", mayBeAbsent: false),
            1 => ContextValue.Of(vpceIds[0]),
            _ => ContextValue.OneOf("the workgroup may use any of the configured VPC endpoints", [.. vpceIds.Select(v => ContextValue.Of(v))]),
        };
}
