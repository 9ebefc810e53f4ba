using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// The bucket hop's part for tables whose LOCATION uses an S3 access point (alias). Redshift Spectrum does not support
/// VPC-origin access points (Redshift Database Developer Guide, "Amazon Redshift Spectrum limitations"). A request
/// through an access point must be permitted by the access point and by the bucket (S3 User Guide, "Configuring IAM
/// policies for using access points"): the access point policy, over the access point's ARNs, must not deny and must
/// allow; the bucket policy, over the bucket's ARNs with the access point's keys, must not deny and must allow — by
/// naming the role or by delegating to access points (<c>Principal "*"</c> with <c>s3:DataAccessPointAccount</c> or
/// <c>s3:DataAccessPointArn</c>). A missing allow breaks the read when the policy's owner is another account than the
/// role's; in the role's own account AWS does not say whether the role's own policy stands in for it (the page's
/// same-account example grants in both policies), so the read is at risk there, never guessed ok.
/// </summary>
internal static class AccessPointCheck
{
    private const string ConsiderationsPage = "https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-considerations.html";
    private const string PoliciesPage = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html";

    public static void Apply(HopBuilder hop, PathJudging path, BucketReads bucket, string account)
    {
        var tables = path.Snapshot.Spectrum.Tables
            .Where(t => t.Bucket == bucket.Name && t.AccessPoint is not null)
            .Select(t => (Arn: t.AccessPoint!, t.Prefix))
            .Distinct();
        foreach (var (arnText, prefix) in tables)
        {
            Judge(hop, path, bucket, account, arnText, prefix);
        }
    }

    private static void Judge(HopBuilder hop, PathJudging path, BucketReads bucket, string account, string arnText, string prefix)
    {
        var document = $"access point {arnText}";
        if (path.Snapshot.AccessPoints.GetValueOrDefault(arnText) is not { } accessPoint || AccessPointArn.TryParse(arnText) is not { } arn)
        {
            hop.Unchecked(document, $"access point {arnText} of the table at s3://{bucket.Name}/{prefix} (not in the snapshot's accessPoints; S3 Control GetAccessPoint and GetAccessPointPolicy)");
            return;
        }

        if (accessPoint.Bucket != bucket.Name)
        {
            hop.Judged(Tri.Unknown);
            hop.Add(document, RuleIds.AccessPointBucketMismatch, Tri.Unknown, "(access point)", $"The table names bucket {bucket.Name}, but access point {arn.Name} serves bucket {accessPoint.Bucket}: the reads meet {accessPoint.Bucket}'s policies, which were not judged for this table.");
            return;
        }

        if (accessPoint.NetworkOrigin == AccessPointNetworkOrigin.Vpc)
        {
            hop.Judged(Tri.False);
            hop.Add(document, RuleIds.AccessPointNetworkOriginVpc, Tri.False, "(access point)", $"Access point {arn.Name} has VPC network origin, and Redshift Spectrum does not support VPC-origin access point aliases ({ConsiderationsPage}).");
        }

        if (!path.Budget.TrySpendLinear(PathJudging.TableUnits))
        {
            hop.Judged(Tri.Unknown);
            hop.Add(document, RuleIds.EvaluationBudget, Tri.Unknown, "(access point)", $"The reads of s3://{bucket.Name}/{prefix} through access point {arn.Name} were not judged: the path's work budget ran out first.");
            return;
        }

        var shapes = AccessPointShapes.For(path, bucket, prefix, arn, accessPoint);
        var accessPointPolicy = $"access point policy of {arnText}";
        var accessPointSet = PolicySet.Of(new NamedPolicy(accessPointPolicy, accessPoint.Policy.Value ?? EmptyPolicy.Instance));
        var accessPointCross = accessPoint.Account != path.Reader.AccountId;
        foreach (var shape in shapes.ThroughAccessPoint)
        {
            var judgement = path.Decide(accessPointSet, shape);
            hop.Add(judgement, SetPart.Both, HopRules.Always(RuleIds.AccessPointPolicyDenies), w => (RuleIds.AccessPointPolicyMissingAllow, MissingAllow(w, accessPointCross, $"the access point policy of {arn.Name} ({(accessPoint.Policy.Value is null ? "it has none" : "no statement does")})", accessPoint.Account)), Counted(judgement, accessPointCross));
        }

        if (bucket.Facts?.Policy is not { } bucketPolicy)
        {
            return;
        }

        var bucketSet = PolicySet.Of(new NamedPolicy($"bucket policy of {bucket.Name}", bucketPolicy.Value ?? EmptyPolicy.Instance));
        var bucketCross = account != path.Reader.AccountId;
        foreach (var shape in shapes.OnBucket)
        {
            var judgement = path.Decide(bucketSet, shape);
            hop.Add(judgement, SetPart.Both, HopRules.Classified(bucketSet, RuleIds.PrincipalDenied), w => (RuleIds.AccessPointNotDelegated, MissingAllow(w, bucketCross, $"the bucket policy of {bucket.Name}, which neither allows the role nor delegates to access points", account)), Counted(judgement, bucketCross));
        }
    }

    // Across accounts the set's own answers count; in the role's account a missing allow is at risk only.
    private static Tri? Counted(SetJudgement judgement, bool cross) =>
        cross ? null : judgement.NoDeny.And(judgement.Grant == Tri.True ? Tri.True : Tri.Unknown);

    private static string MissingAllow(AccessRequest witness, bool cross, string what, string owner) => cross
        ? $"A read through an access point needs both the access point and the bucket to permit it ({PoliciesPage}); {witness.Description} is not allowed by {what}, and account {owner} is not the Spectrum role's."
        : $"A read through an access point needs both the access point and the bucket to permit it ({PoliciesPage}); {witness.Description} is not allowed by {what}. In the role's own account AWS does not document whether the role's own policy suffices instead, so the read is at risk.";
}
