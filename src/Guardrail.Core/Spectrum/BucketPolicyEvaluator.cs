using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Judges a bucket policy for Redshift Spectrum: evaluates every request shape Spectrum must make
/// (<see cref="SpectrumRequestFamily"/>) and explains which statements break or endanger it, then adds
/// the security findings (<see cref="BucketPolicySecurity"/>). A function of its inputs, with its reasons.
/// </summary>
public static class BucketPolicyEvaluator
{
    /// <summary>Evaluates <paramref name="policy"/> (null: the bucket has no policy) for Spectrum access.</summary>
    public static Verdict Evaluate(PolicyDocument? policy, BucketCheckOptions options)
    {
        var grant = options.IsCrossAccount ? GrantSource.PolicyMustAllow : GrantSource.IdentityPolicyMayGrant;
        var requests = SpectrumRequestFamily.ForBucket(policy, options);
        var findings = new FindingCollector();
        var access = AccessVerdict.Ok;

        foreach (var spectrumRequest in requests)
        {
            var decision = PolicyEvaluator.Evaluate(policy, spectrumRequest.Request, grant);
            if (decision.Allowed == Tri.True)
            {
                continue;
            }

            access = Worse(access, decision.Allowed == Tri.False ? AccessVerdict.Breaks : AccessVerdict.AtRisk);
            foreach (var deny in decision.Denies)
            {
                var rule = DenyClassifier.Classify(deny, spectrumRequest, policy!.SubstitutesVariables);
                findings.Add(new Finding(
                    rule,
                    deny.Applies == Tri.True ? Severity.High : Severity.Medium,
                    FindingKind.Access,
                    deny.Statement.Label,
                    FindingText.Denies(deny, spectrumRequest.Request),
                    Fixes.For(rule)));
            }

            if (grant == GrantSource.PolicyMustAllow)
            {
                AddGrantFindings(findings, decision, options);
            }
        }

        var security = BucketPolicySecurity.Findings(policy);
        findings.AddRange(security);
        return new Verdict(access, security.Count > 0 ? SecurityVerdict.Weakened : SecurityVerdict.Ok, findings.ToList(), requests.Count);
    }

    private static void AddGrantFindings(FindingCollector findings, RequestDecision decision, BucketCheckOptions options)
    {
        if (decision.Allow == Tri.False)
        {
            findings.Add(new Finding(
                RuleIds.MissingCrossAccountGrant,
                Severity.High,
                FindingKind.Access,
                "(policy)",
                $"The bucket belongs to account {options.EffectiveBucketAccount} but the Spectrum role is in {options.ReadingRole.AccountId}: cross-account access needs the bucket policy to allow {decision.Request.Description}, and no statement does.",
                Fixes.For(RuleIds.MissingCrossAccountGrant)));
            return;
        }

        if (decision.Allow == Tri.Unknown)
        {
            foreach (var allow in decision.Allows.Where(a => a.Applies == Tri.Unknown))
            {
                findings.Add(new Finding(
                    RuleIds.ConditionUnknowable,
                    Severity.Medium,
                    FindingKind.Access,
                    allow.Statement.Label,
                    FindingText.AllowsOnlyIf(allow, decision.Request),
                    Fixes.For(RuleIds.ConditionUnknowable)));
            }
        }
    }

    internal static AccessVerdict Worse(AccessVerdict a, AccessVerdict b) => a > b ? a : b;
}
