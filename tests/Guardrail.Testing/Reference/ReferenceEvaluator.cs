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
            var allowed = AllowedInEveryWorld(policy, request.Request, grant) ?? decision.Allowed;
            if (allowed == Tri.True)
            {
                continue;
            }

            var verdict = allowed == Tri.False ? AccessVerdict.Breaks : AccessVerdict.AtRisk;
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

    /// <summary>
    /// A listing carries one unknown signature age (one of a few candidates): the request is decided only when every
    /// candidate world agrees. Null when the request has no such key.
    /// </summary>
    private static Tri? AllowedInEveryWorld(PolicyDocument? policy, AccessRequest request, GrantSource grant)
    {
        if (request.Context.Get("s3:signatureAge") is not CandidateValues candidates)
        {
            return null;
        }

        var results = candidates.Candidates
            .Select(c => PolicyEvaluator.Evaluate(policy, request with { Context = request.Context.With(("s3:signatureAge", c)) }, grant).Allowed)
            .Distinct()
            .ToList();
        return results.Count == 1 ? results[0] : Tri.Unknown;
    }
}
