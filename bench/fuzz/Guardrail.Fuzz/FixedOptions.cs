using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;

namespace Guardrail.Fuzz;

/// <summary>
/// The situations every fuzz input is judged in: same-account, cross-account, serverless through a VPC endpoint,
/// with and without table locations, and a two-role chain — the shapes that take different paths through the core.
/// </summary>
internal static class FixedOptions
{
    public const string Bucket = "amzn-s3-demo-bucket";
    public const string RoleArn = "arn:aws:iam::123456789012:role/redshift";
    public const string HopArn = "arn:aws:iam::111122223333:role/hop";
    public const string ChainArns = HopArn + "," + RoleArn;
    public const string OtherAccount = "111122223333";
    public const string Vpce = "vpce-0a1b2c3d4e5f60718";
    public const string OrgId = "o-abcdef1234";

    /// <summary>A fixed clock, so a crash reproduces on any day.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static readonly RoleArn Role = Core.Evaluation.RoleArn.Parse(RoleArn);
    private static readonly IReadOnlyList<RoleArn> Chain = Core.Evaluation.RoleArn.ParseChain(ChainArns);
    private static readonly string[] Prefixes = ["sales/", "hr/2024/"];

    public static readonly IReadOnlyList<BucketCheckOptions> Buckets =
    [
        new(Bucket, [Role], null, ClusterKind.Provisioned, [], [], null, Now),
        new(Bucket, [Role], null, ClusterKind.Provisioned, [], Prefixes, null, Now),
        new(Bucket, [Role], OtherAccount, ClusterKind.Provisioned, [], Prefixes, OrgId, Now),
        new(Bucket, [Role], null, ClusterKind.Serverless, [Vpce], [], null, Now),
        new(Bucket, [Role], null, ClusterKind.Serverless, [Vpce], Prefixes, OrgId, Now),
        new(Bucket, Chain, null, ClusterKind.Provisioned, [], Prefixes, null, Now),
    ];

    public static readonly IReadOnlyList<TrustCheckOptions> Trusts =
    [
        new([Role], Now),
        new(Chain, Now),
    ];
}
