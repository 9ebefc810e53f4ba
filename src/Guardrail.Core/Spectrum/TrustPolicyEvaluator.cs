using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Judges a role trust policy: Redshift (or, in a role chain, the previous role) must be able to
/// <c>sts:AssumeRole</c>, and the trust policy must allow it itself. Adds the security findings
/// (<see cref="TrustPolicySecurity"/>).
/// </summary>
public static class TrustPolicyEvaluator
{
    /// <summary>Evaluates the trust policy of <see cref="TrustCheckOptions.Role"/>.</summary>
    public static Verdict Evaluate(PolicyDocument policy, TrustCheckOptions options, WorkBudget? budget = null) =>
        Judge(policy, options, budget ?? new WorkBudget()).Build();

    /// <summary><see cref="Evaluate"/>'s verdict, none of its access findings' messages built yet (for the path's capped report).</summary>
    internal static PendingVerdict Judge(PolicyDocument policy, TrustCheckOptions options, WorkBudget budget)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        var principal = ExpectedPrincipal(policy, options);
        var who = options.PreviousRole is null ? (options.AsServerless ? $"Amazon Redshift Serverless ({RedshiftPrincipal.ServerlessName})" : $"Amazon Redshift ({RedshiftPrincipal.Global})") : $"the previous role in the chain ({options.PreviousRole.Arn})";
        var missingRule = options.PreviousRole is null ? RuleIds.TrustMissingRedshift : RuleIds.TrustChainBroken;
        var shape = SpectrumShapes.ForAssumeRole(options, who);
        var result = FamilyEvaluator.Evaluate(policy, principal, [shape], GrantSource.PolicyMustAllow, budget);
        return AccessJudgement.Pending(
            result,
            deny => deny.Outcome.Applies == Tri.True ? missingRule : RuleIds.ConditionUnknowable,
            witness => (missingRule, $"No statement allows {witness.Description}, so Redshift cannot use the role and Spectrum queries fail."),
            TrustPolicySecurity.Findings(policy, options));
    }

    private static RequestPrincipal ExpectedPrincipal(PolicyDocument policy, TrustCheckOptions options)
    {
        if (options.PreviousRole is { } previous)
        {
            return new RoleSessionPrincipal(previous);
        }

        if (options.AsServerless)
        {
            return new ServicePrincipal([RedshiftPrincipal.ServerlessName]);
        }

        // Redshift is known by its global name and by Region-scoped names; any Redshift name the policy uses counts.
        var redshift = policy.Statements
            .Where(s => s.Principal is not null)
            .SelectMany(s => s.Principal!.Spec.Entries)
            .Where(e => e.Type == PrincipalTypes.Service && RedshiftPrincipal.IsRedshift(e.Value))
            .Select(e => e.Value)
            .Append(RedshiftPrincipal.Global)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new ServicePrincipal(redshift);
    }
}
