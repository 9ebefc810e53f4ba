using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Judges a bucket policy for Redshift Spectrum: decides every request Spectrum must make
/// (<see cref="SpectrumShapes.ForBucket"/>) with the bounded <see cref="FamilyEvaluator"/> and explains which
/// statements break or endanger it, then adds the security findings (<see cref="BucketPolicySecurity"/>).
/// A function of its inputs, with its reasons.
/// </summary>
public static class BucketPolicyEvaluator
{
    /// <summary>Evaluates <paramref name="policy"/> (null: the bucket has no policy) for Spectrum access.</summary>
    public static Verdict Evaluate(PolicyDocument? policy, BucketCheckOptions options, WorkBudget? budget = null) =>
        Judge(policy, options, budget ?? new WorkBudget()).Build();

    /// <summary><see cref="Evaluate"/>'s verdict, none of its access findings' messages built yet (for the path's capped report).</summary>
    internal static PendingVerdict Judge(PolicyDocument? policy, BucketCheckOptions options, WorkBudget budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grant = options.IsCrossAccount ? GrantSource.PolicyMustAllow : GrantSource.IdentityPolicyMayGrant;
        var shapes = SpectrumShapes.ForBucket(options);
        var result = FamilyEvaluator.Evaluate(policy, new RoleSessionPrincipal(options.ReadingRole), shapes, grant, budget);
        var substitutes = policy?.SubstitutesVariables ?? false;
        return AccessJudgement.Pending(
            result,
            deny => DenyClassifier.Classify(deny.Outcome, deny.Witness, (deny.Shape.Resource as ObjectFamily)?.FamilyPrefix, substitutes),
            witness => (RuleIds.MissingCrossAccountGrant, $"The bucket belongs to account {options.EffectiveBucketAccount} but the Spectrum role is in {options.ReadingRole.AccountId}: cross-account access needs the bucket policy to allow {witness.Description}, and no statement does."),
            BucketPolicySecurity.Findings(policy));
    }
}
