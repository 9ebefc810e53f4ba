using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Security findings for a bucket policy: an Allow to every principal (<c>"*"</c>) that no condition narrows to
/// specific accounts, organizations, networks or principals is a public grant. The seed's guidance: grant access
/// to specific principals. <c>aws:UserAgent</c> is not a control: any client can send any user agent.
/// A policy larger than S3 accepts is reported too (for information: S3 refuses it, so it cannot weaken anything).
/// </summary>
public static class BucketPolicySecurity
{
    /// <summary>
    /// "Bucket policies are limited to 20 KB in size"
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html), read as 20 × 1,024 bytes.
    /// </summary>
    public const int MaxPolicyBytes = 20 * 1024;

    private static readonly HashSet<string> NarrowingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:userid", "aws:username",
        "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner",
        "aws:SourceVpce", "aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceIp", "aws:VpcSourceIp", "aws:PrincipalServiceName",
        "s3:DataAccessPointAccount", "s3:DataAccessPointArn",
    };

    /// <summary>The security findings of <paramref name="policy"/> (none for no policy).</summary>
    public static IReadOnlyList<Finding> Findings(PolicyDocument? policy)
    {
        if (policy is null)
        {
            return [];
        }

        var findings = new List<Finding>();
        if (PolicySize.Utf8BytesOver(policy.OriginalText, MaxPolicyBytes) is { } bytes)
        {
            findings.Add(new Finding(
                RuleIds.PolicySizeLimit,
                Severity.Info,
                FindingKind.Security,
                "(policy)",
                $"The bucket policy is {bytes:N0} bytes even without white space; S3 accepts bucket policies of at most 20 KB ({MaxPolicyBytes:N0} bytes), so S3 would refuse it.",
                Fixes.For(RuleIds.PolicySizeLimit)));
        }

        foreach (var statement in policy.Statements)
        {
            if (statement.Effect != Effect.Allow || statement.Principal is not { Negated: false, Spec.IsEveryone: true })
            {
                continue;
            }

            if (statement.Conditions.Any(Narrows))
            {
                continue;
            }

            var actions = string.Join(", ", statement.Action.Patterns);
            findings.Add(new Finding(
                RuleIds.PublicGrant,
                Severity.Critical,
                FindingKind.Security,
                statement.Label,
                $"{statement.Label} allows everyone (Principal \"*\") to {(statement.Action.Negated ? "do everything except " : string.Empty)}{actions}, and no condition narrows it to specific accounts, principals or networks.",
                Fixes.For(RuleIds.PublicGrant)));
        }

        return findings;
    }

    private static bool Narrows(ConditionClause clause)
    {
        if (!NarrowingKeys.Contains(clause.Key) || clause.Operator.Family == Policies.OperatorFamily.Null)
        {
            return false;
        }

        // A negated test ("not from this VPC endpoint") still lets everyone else in; so does a bare wildcard.
        if (clause.Operator.IsNegated || clause.Operator.IfExists)
        {
            return false;
        }

        return clause.Values.All(v => v != "*" && v != "0.0.0.0/0" && v != "::/0");
    }
}
