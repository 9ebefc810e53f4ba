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
    /// <remarks>
    /// For the first role of a Serverless namespace (<see cref="TrustCheckOptions.Serverless"/>), both Redshift's name
    /// and <c>redshift-serverless.amazonaws.com</c> must be trusted (<see cref="BothNames"/>).
    /// </remarks>
    public static Verdict Evaluate(PolicyDocument policy, TrustCheckOptions options, WorkBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        budget ??= new WorkBudget();
        var verdict = Judge(policy, options, budget);
        if (options.Serverless && !options.AsServerless && options.PreviousRole is null)
        {
            verdict = BothNames(verdict, Judge(policy, options with { AsServerless = true }, budget));
        }

        return verdict.Build();
    }

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
        var verdict = AccessJudgement.Pending(
            result,
            deny => deny.Outcome.Applies == Tri.True ? missingRule : RuleIds.ConditionUnknowable,
            witness => (missingRule, $"No statement allows {witness.Description}, so Redshift cannot use the role and Spectrum queries fail."),
            TrustPolicySecurity.Findings(policy, options));
        return options.PreviousRole is null && options.AsServerless ? WithTrustFix(verdict, [RedshiftPrincipal.ServerlessName]) : verdict;
    }

    /// <summary>
    /// A Serverless namespace's first role: both names must be trusted, and trusting one of them only puts Spectrum at
    /// risk (AWS does not say which one assumes the role). The fix proposes only the names the policy lacks.
    /// </summary>
    /// <param name="redshift">The judgement with Redshift's own names as the caller.</param>
    /// <param name="serverless">The judgement with <c>redshift-serverless.amazonaws.com</c> as the caller.</param>
    internal static PendingVerdict BothNames(PendingVerdict redshift, PendingVerdict serverless)
    {
        if (redshift.Access == AccessVerdict.Ok || serverless.Access == AccessVerdict.Ok)
        {
            var failing = redshift.Access == AccessVerdict.Ok ? serverless : redshift;
            var worst = failing.Access == AccessVerdict.Ok ? AccessVerdict.Ok : AccessVerdict.AtRisk;
            return redshift with
            {
                Access = worst,
                Findings = [.. redshift.SecurityFindings.Concat(failing.AccessFindings.Select(f => f with { Severity = Severity.Medium }))],
            };
        }

        var both = redshift with { Findings = [.. redshift.Findings.Concat(serverless.AccessFindings)] };
        return WithTrustFix(both, [RedshiftPrincipal.Global, RedshiftPrincipal.ServerlessName]);
    }

    private static PendingVerdict WithTrustFix(PendingVerdict verdict, IReadOnlyList<string> missing)
    {
        var fix = TrustFix.Missing(missing);
        return verdict with { Findings = [.. verdict.Findings.Select(f => f.Rule == RuleIds.TrustMissingRedshift ? f with { Fix = fix } : f)] };
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
