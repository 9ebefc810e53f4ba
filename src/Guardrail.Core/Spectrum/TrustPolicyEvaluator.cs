using Guardrail.Core.Evaluation;
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
    public static Verdict Evaluate(PolicyDocument policy, TrustCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var principal = ExpectedPrincipal(policy, options);
        var who = options.PreviousRole is null ? "Amazon Redshift (redshift.amazonaws.com)" : $"the previous role in the chain ({options.PreviousRole.Arn})";
        var missingRule = options.PreviousRole is null ? RuleIds.TrustMissingRedshift : RuleIds.TrustChainBroken;
        var baseContext = SpectrumContext.ForAssumeRole(options);
        var judgement = new AccessJudgement();
        var times = ThresholdPoints.ForTime(policy, options.Now);
        foreach (var time in times)
        {
            var when = times.Count > 1 ? $" at {ThresholdPoints.FormatTime(time)}" : string.Empty;
            var request = new AccessRequest("sts:AssumeRole", new ConcreteResource(options.Role.Arn), principal, SpectrumContext.At(baseContext, time), $"sts:AssumeRole on {options.Role.Arn} by {who}{when}");
            judgement.Record(
                PolicyEvaluator.Evaluate(policy, request, GrantSource.PolicyMustAllow),
                deny => deny.Applies == Tri.True ? missingRule : RuleIds.ConditionUnknowable,
                (missingRule, $"No statement lets {who} call sts:AssumeRole on {options.Role.Arn}{when}, so Redshift cannot use the role and Spectrum queries fail."));
        }

        return judgement.Finish(TrustPolicySecurity.Findings(policy, options), times.Count);
    }

    private static RequestPrincipal ExpectedPrincipal(PolicyDocument policy, TrustCheckOptions options)
    {
        if (options.PreviousRole is { } previous)
        {
            return new RoleSessionPrincipal(previous);
        }

        // Redshift is known by its global name and by Region-scoped names; any Redshift name the policy uses counts.
        var names = policy.Statements
            .Where(s => s.Principal is not null)
            .SelectMany(s => s.Principal!.Spec.Entries)
            .Where(e => e.Type == PrincipalTypes.Service && RedshiftPrincipal.IsRedshift(e.Value))
            .Select(e => e.Value)
            .Append(RedshiftPrincipal.Global)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new ServicePrincipal(names);
    }
}
