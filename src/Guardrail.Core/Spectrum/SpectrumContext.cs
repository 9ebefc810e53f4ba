using System.Globalization;
using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// The request context of Redshift Spectrum's S3 requests (made by the cluster role's session with its temporary
/// credentials, over HTTPS with SigV4, user agent <c>AWS Redshift/Spectrum</c>; from AWS-owned addresses outside
/// the VPC on provisioned clusters, through the VPC's endpoint on serverless) and of <c>sts:AssumeRole</c> by
/// Redshift or by the previous role of a chain. What AWS documents is decided (docs/condition-keys.md gives the
/// page for every key); the rest is unknowable rather than guessed. Reasons never name a caller's options.
/// </summary>
public static class SpectrumContext
{
    /// <summary>The user agent Spectrum sends.</summary>
    public const string UserAgent = "AWS Redshift/Spectrum";

    /// <summary>How long Spectrum's presigned URLs are valid, in milliseconds.</summary>
    public const long PresignedUrlLifetimeMs = 3_600_000;

    private const string SessionNameWhy = "the session name Redshift passes to AssumeRole is not documented";
    // Room for every key of a context with the absent rows (about a hundred), so the table is never grown.
    private const int ContextCapacity = 128;

    private const string ChainedStsRouteWhy = "whether Redshift calls STS through a VPC endpoint for a chained role is not documented";

    // AWS documents the MCP keys only for requests that involve an MCP server.
    private static readonly ContextValue NoMcpServer = ContextValue.OneOf("AWS does not say whether the key is false or left out when no MCP server is involved", ContextValue.Absent, ContextValue.Of("false"));
    private static readonly ContextValue NotAnMcpAction = ContextValue.OneOf("AWS does not say whether the key is false or left out for other actions", ContextValue.Absent, ContextValue.Of("false"));

    /// <summary>
    /// The keys of <c>s3:ListBucket</c> for one table location (<paramref name="prefix"/> null: not supplied).
    /// The listing's signature age is absent or one unknown age within the hour: <paramref name="signatureAges"/> lists
    /// the ages that stand for the hour under a policy's constants, or is empty when the caller decides the hour
    /// itself (the bounded evaluator, per statement: <see cref="Families.RequestShape.UnknownDimensions"/>).
    /// </summary>
    public static RequestContext Listing(RequestContext timed, IReadOnlyList<long> signatureAges, string? prefix) =>
        timed.With(
            ("s3:authType", ContextValue.OneOf(
                "whether Spectrum lists with the Authorization header or a presigned URL is not documented",
                ContextValue.Of("REST-HEADER"),
                ContextValue.Of("REST-QUERY-STRING"))),

            // AWS says an s3:signatureAge limit of at least an hour spares Spectrum, so any age it has is within the hour.
            ("s3:signatureAge", ContextValue.OneOf(
                "the age of the listing request's signature, and whether S3 sets the key for it, is not documented",
                [ContextValue.Absent, .. signatureAges.Select(a => ContextValue.Of(a.ToString(CultureInfo.InvariantCulture)))])),
            ("s3:x-amz-content-sha256", ContextValue.Unknowable("the payload hash header Spectrum sends when listing is not documented")),
            ("s3:delimiter", ContextValue.Unknowable("whether Spectrum lists with a delimiter is not documented")),
            ("s3:max-keys", ContextValue.Unknowable("the page size Spectrum lists with is not documented")),
            ("s3:prefix", prefix is null
                ? ContextValue.Unknowable("the table locations were not supplied", mayBeAbsent: false)
                : ContextValue.Of(prefix)),
            ("s3:if-match", ContextValue.Absent),
            ("s3:if-none-match", ContextValue.Absent));

    /// <summary>
    /// The keys of <c>s3:GetObject</c> through a presigned URL whose signature is <paramref name="signatureAge"/> ms old
    /// (null: the caller sets the age, as the bounded evaluator does for each point of the hour).
    /// </summary>
    public static RequestContext PresignedGet(RequestContext timed, long? signatureAge) =>
        timed.With(
            ("s3:authType", ContextValue.Of("REST-QUERY-STRING")),
            ("s3:signatureAge", signatureAge is { } age ? ContextValue.Of(age.ToString(CultureInfo.InvariantCulture)) : ContextValue.Absent),

            // S3 takes this key from the request header only, never from the query string of a presigned URL.
            ("s3:x-amz-content-sha256", ContextValue.Unknowable("whether Spectrum's presigned GET sends an x-amz-content-sha256 header is not documented")),
            ("s3:if-match", ContextValue.Unknowable("whether Spectrum sends an If-Match header is not documented")),
            ("s3:if-none-match", ContextValue.Unknowable("whether Spectrum sends an If-None-Match header is not documented")),
            ("s3:prefix", ContextValue.Absent),
            ("s3:delimiter", ContextValue.Absent),
            ("s3:max-keys", ContextValue.Absent));

    /// <summary>The context keys shared by all of Spectrum's S3 requests for this bucket.</summary>
    public static RequestContext ForBucket(BucketCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var role = options.ReadingRole;
        var provisioned = options.Cluster == ClusterKind.Provisioned;
        var values = new Dictionary<string, ContextValue>(ContextCapacity, StringComparer.OrdinalIgnoreCase)
        {
            // The role session: AssumedRole, the role's ARN and account, temporary credentials obtained without MFA.
            ["aws:PrincipalArn"] = ContextValue.Of(role.Arn),
            ["aws:PrincipalAccount"] = ContextValue.Of(role.AccountId),
            ["aws:PrincipalType"] = ContextValue.Of("AssumedRole"),
            ["aws:PrincipalIsAWSService"] = ContextValue.Of("false"),
            ["aws:PrincipalServiceName"] = ContextValue.Absent,
            ["aws:PrincipalServiceNamesList"] = ContextValue.Absent,
            ["aws:userid"] = new ShapedValue(KeyShapeTable.RoleSessionUserId, "the role's unique id and " + SessionNameWhy),
            ["aws:username"] = ContextValue.Absent,
            ["aws:PrincipalOrgID"] = options.OrgId is null
                ? ContextValue.Unknowable("the role's AWS Organizations id was not supplied")
                : ContextValue.Of(options.OrgId),
            ["aws:PrincipalOrgPaths"] = ContextValue.Unknowable("the role's organization path is not known", mayBeAbsent: options.OrgId is null),
            ["aws:MultiFactorAuthPresent"] = ContextValue.Of("false"),
            ["aws:MultiFactorAuthAge"] = ContextValue.Absent,
            ["aws:TokenIssueTime"] = ContextValue.Unknowable("when Redshift obtained the role session is not known", mayBeAbsent: false),

            // The request: Spectrum calls S3 itself with the role's credentials, not through a forward access session.
            ["aws:ViaAWSService"] = ContextValue.Of("false"),
            ["aws:ViaAWSMCPService"] = NoMcpServer,
            ["aws:IsMcpServiceAction"] = NotAnMcpAction,
            ["aws:SecureTransport"] = ContextValue.Of("true"),
            ["aws:UserAgent"] = ContextValue.Of(UserAgent),
            ["aws:RequestedRegion"] = options.Region is { } region
                ? ContextValue.Of(region)
                : ContextValue.Unknowable("the bucket's Region was not supplied", mayBeAbsent: false),
            ["aws:SourceAccount"] = ContextValue.Absent,
            ["aws:SourceArn"] = ContextValue.Absent,
            ["aws:SourceOrgID"] = ContextValue.Absent,
            ["aws:SourceOrgPaths"] = ContextValue.Absent,
            ["aws:TagKeys"] = ContextValue.Absent,

            // The network: provisioned clusters read from AWS-owned addresses, serverless through the VPC's endpoint.
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
            ["aws:VpceAccount"] = provisioned
                ? ContextValue.Absent
                : ContextValue.Unknowable("the account that owns the workgroup's VPC endpoint is not known", mayBeAbsent: false),
            ["aws:VpceOrgID"] = provisioned
                ? ContextValue.Absent
                : ContextValue.Unknowable("the organization of the VPC endpoint's owner is not known"),
            ["aws:VpceOrgPaths"] = provisioned
                ? ContextValue.Absent
                : ContextValue.Unknowable("the organization path of the VPC endpoint's owner is not known"),

            // The resource: the bucket itself (not an access point), owned by the bucket account.
            ["aws:ResourceAccount"] = ContextValue.Of(options.EffectiveBucketAccount),
            ["s3:ResourceAccount"] = ContextValue.Of(options.EffectiveBucketAccount),
            ["aws:ResourceOrgID"] = options.OrgId is not null && !options.IsCrossAccount
                ? ContextValue.Of(options.OrgId)
                : ContextValue.Unknowable("the AWS Organizations id of the bucket's account was not supplied"),
            ["aws:ResourceOrgPaths"] = ContextValue.Unknowable("the organization path of the bucket's account is not known"),
            ["s3:DataAccessPointArn"] = ContextValue.Absent,
            ["s3:DataAccessPointAccount"] = ContextValue.Absent,
            ["s3:AccessPointNetworkOrigin"] = ContextValue.Absent,
            ["s3:AccessGrantsInstanceArn"] = ContextValue.Unknowable("S3 does not document the key for requests made without S3 Access Grants credentials"),
            ["s3:signatureversion"] = ContextValue.Of("AWS4-HMAC-SHA256"),
            ["s3:TlsVersion"] = ContextValue.OneOf("AWS endpoints accept TLS 1.2 or later; which version Spectrum negotiates is not documented", ContextValue.Of("1.2"), ContextValue.Of("1.3")),
        };
        var prefixes = new List<(string Prefix, ContextValue Value)>
        {
            ("aws:RequestTag/", ContextValue.Absent),
            ("aws:PrincipalTag/", ContextValue.Unknowable("the role's tags are not known")),
            ("aws:ResourceTag/", ContextValue.Unknowable("the bucket's tags are not known")),
            ("s3:ExistingObjectTag/", ContextValue.Unknowable("the objects' tags are not known")),
        };
        AbsentKeyTable.AddTo(values, prefixes, AbsentKeyTable.AnyRequest);
        AbsentKeyTable.AddTo(values, prefixes, AbsentKeyTable.S3Request);
        return new RequestContext(values, prefixes);
    }

    /// <summary>The context for Redshift (or the previous role of a chain) assuming the role.</summary>
    public static RequestContext ForAssumeRole(TrustCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var values = new Dictionary<string, ContextValue>(ContextCapacity, StringComparer.OrdinalIgnoreCase)
        {
            ["aws:SecureTransport"] = ContextValue.Of("true"),
            ["aws:UserAgent"] = ContextValue.Unknowable("the user agent Redshift calls STS with is not documented", mayBeAbsent: false),
            ["aws:RequestedRegion"] = ContextValue.Unknowable("the STS Region Redshift calls is not documented", mayBeAbsent: false),
            ["aws:ViaAWSService"] = ContextValue.Of("false"),
            ["aws:ViaAWSMCPService"] = NoMcpServer,
            ["aws:IsMcpServiceAction"] = NotAnMcpAction,
            ["aws:ResourceAccount"] = ContextValue.Of(options.Role.AccountId),
            ["aws:ResourceOrgID"] = ContextValue.Unknowable("the AWS Organizations id of the role's account was not supplied"),
            ["aws:ResourceOrgPaths"] = ContextValue.Unknowable("the organization path of the role's account is not known"),

            // The documented trust policies grant neither sts:TagSession nor sts:SetSourceIdentity, so Redshift passes neither.
            ["aws:TagKeys"] = ContextValue.Absent,
            ["sts:TransitiveTagKeys"] = ContextValue.Absent,
            ["sts:SourceIdentity"] = ContextValue.Absent,
            ["sts:RoleSessionName"] = new ShapedValue(KeyShapeTable.RoleSessionName, SessionNameWhy),

            // STS is not among the services that set these keys.
            ["aws:SourceVpcArn"] = ContextValue.Absent,
            ["aws:VpceAccount"] = ContextValue.Absent,
            ["aws:VpceOrgID"] = ContextValue.Absent,
            ["aws:VpceOrgPaths"] = ContextValue.Absent,
        };
        var prefixes = new List<(string Prefix, ContextValue Value)>
        {
            ("aws:RequestTag/", ContextValue.Absent),
            ("aws:ResourceTag/", ContextValue.Unknowable("the role's tags are not known")),
        };
        if (options.PreviousRole is { } previous)
        {
            AddChainedCaller(values, prefixes, previous);
        }
        else
        {
            AddRedshiftCaller(values, prefixes);
        }

        AbsentKeyTable.AddTo(values, prefixes, AbsentKeyTable.AnyRequest);
        AbsentKeyTable.AddTo(values, prefixes, AbsentKeyTable.AssumeRoleRequest);
        return new RequestContext(values, prefixes);
    }

    /// <summary>The Redshift service principal calls STS directly.</summary>
    private static void AddRedshiftCaller(Dictionary<string, ContextValue> values, List<(string Prefix, ContextValue Value)> prefixes)
    {
        values["aws:PrincipalIsAWSService"] = ContextValue.Of("true");
        values["aws:PrincipalServiceName"] = ContextValue.OneOf(
            "whether Redshift calls as its global or its Region-scoped service principal is not documented",
            ContextValue.Of(RedshiftPrincipal.Global),
            new ShapedValue(KeyShapeTable.RegionalRedshiftPrincipal, "the Region of the cluster is not known"));
        values["aws:PrincipalServiceNamesList"] = ContextValue.Unknowable("the list of Redshift's service principal names is not documented", mayBeAbsent: false);

        // Present for every (signed) request, but AWS does not say what they hold for a service principal.
        values["aws:PrincipalArn"] = ContextValue.Unknowable("what aws:PrincipalArn holds for a service principal is not documented");
        values["aws:PrincipalAccount"] = ContextValue.Unknowable("what aws:PrincipalAccount holds for a service principal is not documented", mayBeAbsent: false);
        values["aws:PrincipalType"] = ContextValue.Unknowable("what aws:PrincipalType holds for a service principal is not documented", mayBeAbsent: false);
        values["aws:userid"] = ContextValue.Unknowable("what aws:userid holds for a service principal is not documented", mayBeAbsent: false);
        values["aws:username"] = ContextValue.Absent;
        values["aws:PrincipalOrgID"] = ContextValue.Absent;
        values["aws:PrincipalOrgPaths"] = ContextValue.Absent;
        prefixes.Add(("aws:PrincipalTag/", ContextValue.Absent));

        values["aws:MultiFactorAuthPresent"] = ContextValue.OneOf(
            "whether a service principal's call counts as made with temporary credentials (which carry the key as false) is not documented",
            ContextValue.Absent,
            ContextValue.Of("false"));
        values["aws:MultiFactorAuthAge"] = ContextValue.Absent;
        values["aws:TokenIssueTime"] = ContextValue.Unknowable("whether a service principal's call carries a token issue time is not documented");

        values["sts:ExternalId"] = ContextValue.Unknowable(
            "Redshift passes the ARN of the database user running the query (arn:aws:redshift:REGION:ACCOUNT:dbuser:CLUSTER/USER); which users run Spectrum queries is not known",
            mayBeAbsent: false);
        values["aws:SourceAccount"] = ContextValue.Unknowable("whether Redshift sends the cluster's account as aws:SourceAccount is not documented");
        values["aws:SourceArn"] = ContextValue.Unknowable("whether Redshift sends the cluster's ARN as aws:SourceArn is not documented");
        values["aws:SourceOrgID"] = ContextValue.Unknowable("whether Redshift sends the cluster account's organization is not documented");
        values["aws:SourceOrgPaths"] = ContextValue.Unknowable("whether Redshift sends the cluster account's organization path is not documented");

        // Network context of service-to-service calls is redacted; Redshift does not call STS through your VPC.
        values["aws:SourceIp"] = ContextValue.Unknowable("Redshift calls STS from AWS-owned addresses");
        values["aws:SourceVpce"] = ContextValue.Absent;
        values["aws:SourceVpc"] = ContextValue.Absent;
        values["aws:VpcSourceIp"] = ContextValue.Absent;
    }

    /// <summary>The previous role's session calls STS, on Redshift's infrastructure.</summary>
    private static void AddChainedCaller(Dictionary<string, ContextValue> values, List<(string Prefix, ContextValue Value)> prefixes, RoleArn previous)
    {
        values["aws:PrincipalIsAWSService"] = ContextValue.Of("false");
        values["aws:PrincipalServiceName"] = ContextValue.Absent;
        values["aws:PrincipalServiceNamesList"] = ContextValue.Absent;
        values["aws:PrincipalArn"] = ContextValue.Of(previous.Arn);
        values["aws:PrincipalAccount"] = ContextValue.Of(previous.AccountId);
        values["aws:PrincipalType"] = ContextValue.Of("AssumedRole");
        values["aws:userid"] = new ShapedValue(KeyShapeTable.RoleSessionUserId, "the previous role's unique id and " + SessionNameWhy);
        values["aws:username"] = ContextValue.Absent;
        values["aws:PrincipalOrgID"] = ContextValue.Unknowable("the previous role's organization is not known");
        values["aws:PrincipalOrgPaths"] = ContextValue.Unknowable("the previous role's organization path is not known");
        prefixes.Add(("aws:PrincipalTag/", ContextValue.Unknowable("the previous role's tags are not known")));

        values["aws:MultiFactorAuthPresent"] = ContextValue.Of("false");
        values["aws:MultiFactorAuthAge"] = ContextValue.Absent;
        values["aws:TokenIssueTime"] = ContextValue.Unknowable("when Redshift obtained the previous role's session is not known", mayBeAbsent: false);

        values["sts:ExternalId"] = ContextValue.Unknowable("whether Redshift passes an external id when it assumes a chained role is not documented");
        values["aws:SourceAccount"] = ContextValue.Absent;
        values["aws:SourceArn"] = ContextValue.Absent;
        values["aws:SourceOrgID"] = ContextValue.Absent;
        values["aws:SourceOrgPaths"] = ContextValue.Absent;

        values["aws:SourceIp"] = ContextValue.Unknowable("where Redshift calls STS from for a chained role is not documented");
        values["aws:SourceVpce"] = ContextValue.Unknowable(ChainedStsRouteWhy);
        values["aws:SourceVpc"] = ContextValue.Unknowable(ChainedStsRouteWhy);
        values["aws:VpcSourceIp"] = ContextValue.Unknowable(ChainedStsRouteWhy);
    }

    private static ContextValue VpceValue(IReadOnlyList<string> vpceIds) =>
        vpceIds.Count switch
        {
            0 => ContextValue.Unknowable("the VPC endpoint the serverless workgroup uses was not supplied", mayBeAbsent: false),
            1 => ContextValue.Of(vpceIds[0]),
            _ => ContextValue.OneOf("the workgroup may use any of the supplied VPC endpoints", [.. vpceIds.Select(v => ContextValue.Of(v))]),
        };
}
