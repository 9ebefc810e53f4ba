using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Security findings for a Spectrum role's trust policy. The seed: the role should be assumable only by the
/// Amazon Redshift service principal (in a chain, by the previous role), so that it can be used only in the
/// context of Redshift and not shared outside the cluster.
/// </summary>
public static class TrustPolicySecurity
{
    private static readonly string[] AssumeActions = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

    /// <summary>One finding for each principal other than the expected one that an Allow statement lets assume the role.</summary>
    public static IReadOnlyList<Finding> Findings(PolicyDocument policy, TrustCheckOptions options)
    {
        var findings = new List<Finding>();
        foreach (var statement in policy.Statements)
        {
            if (statement.Effect != Effect.Allow || statement.Principal is not { Negated: false } principal)
            {
                continue;
            }

            var assumes = AssumeActions.Where(a => StatementEvaluator.MatchAction(statement.Action, a) == Tri.True).ToList();
            if (assumes.Count == 0)
            {
                continue;
            }

            var conditioned = statement.Conditions.Count > 0 ? " (its conditions narrow it, but the principal is still broader than Redshift)" : string.Empty;
            if (principal.Spec.IsEveryone)
            {
                findings.Add(Extra(statement, statement.Conditions.Count > 0 ? Severity.High : Severity.Critical,
                    $"{statement.Label} lets any principal (\"*\") call {string.Join(", ", assumes)} on the role{conditioned}."));
                continue;
            }

            foreach (var entry in principal.Spec.Entries.Where(e => !IsExpected(e, options)))
            {
                var severity = options.PreviousRole is not null && entry.Value == options.PreviousRole.AccountRootArn ? Severity.Medium : Severity.High;
                findings.Add(Extra(statement, severity, $"{statement.Label} lets {entry.Type} principal \"{entry.Value}\" call {string.Join(", ", assumes)} on the role{conditioned}."));
            }
        }

        return findings;
    }

    private static bool IsExpected(PrincipalEntry entry, TrustCheckOptions options) =>
        options.PreviousRole is { } previous
            ? entry.Type == PrincipalTypes.Aws && string.Equals(entry.Value, previous.Arn, StringComparison.OrdinalIgnoreCase)
            : entry.Type == PrincipalTypes.Service && RedshiftPrincipal.IsRedshift(entry.Value);

    private static Finding Extra(Statement statement, Severity severity, string message) =>
        new(RuleIds.TrustExtraPrincipal, severity, FindingKind.Security, statement.Label, message, Fixes.For(RuleIds.TrustExtraPrincipal));
}
