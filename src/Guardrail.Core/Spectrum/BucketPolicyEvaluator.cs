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
        var judgement = new AccessJudgement();
        foreach (var spectrumRequest in requests)
        {
            var decision = PolicyEvaluator.Evaluate(policy, spectrumRequest.Request, grant);
            judgement.Record(
                decision,
                deny => DenyClassifier.Classify(deny, spectrumRequest, policy!.SubstitutesVariables),
                grant == GrantSource.PolicyMustAllow
                    ? (RuleIds.MissingCrossAccountGrant, $"The bucket belongs to account {options.EffectiveBucketAccount} but the Spectrum role is in {options.ReadingRole.AccountId}: cross-account access needs the bucket policy to allow {decision.Request.Description}, and no statement does.")
                    : null);
        }

        return judgement.Finish(BucketPolicySecurity.Findings(policy), requests.Count);
    }
}
