using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Testing.Reference;

/// <summary>
/// The bucket verdict of commit 217b308: every request of <see cref="ReferenceFamily"/> evaluated one by one.
/// Exact and slow; the oracle the bounded evaluator is compared with on small generated policies.
/// </summary>
public static class ReferenceEvaluator
{
    /// <summary>The access verdict and the set of access rule ids.</summary>
    public static (AccessVerdict Access, IReadOnlySet<string> Rules) Evaluate(PolicyDocument? policy, BucketCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grant = options.IsCrossAccount ? GrantSource.PolicyMustAllow : GrantSource.IdentityPolicyMayGrant;
        var access = AccessVerdict.Ok;
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in ReferenceFamily.ForBucket(policy, options))
        {
            var decision = PolicyEvaluator.Evaluate(policy, request.Request, grant);
            if (decision.Allowed == Tri.True)
            {
                continue;
            }

            var verdict = decision.Allowed == Tri.False ? AccessVerdict.Breaks : AccessVerdict.AtRisk;
            access = verdict > access ? verdict : access;
            foreach (var deny in decision.Denies)
            {
                rules.Add(DenyClassifier.Classify(deny, request.Request, request.ObjectFamily, policy!.SubstitutesVariables));
            }

            if (grant == GrantSource.PolicyMustAllow && decision.Allow == Tri.False)
            {
                rules.Add(RuleIds.MissingCrossAccountGrant);
            }
            else if (grant == GrantSource.PolicyMustAllow && decision.Allow == Tri.Unknown && decision.Allows.Any(a => a.Applies == Tri.Unknown))
            {
                rules.Add(RuleIds.ConditionUnknowable);
            }
        }

        return (access, rules);
    }
}
