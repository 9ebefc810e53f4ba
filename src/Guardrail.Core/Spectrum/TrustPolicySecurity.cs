using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Security findings for a Spectrum role's trust policy. The seed: the role should be assumable only by the
/// Amazon Redshift service principal (in a chain, by the previous role), so that it can be used only in the
/// context of Redshift and not shared outside the cluster.
/// A trust policy longer than IAM accepts is reported too (for information: IAM refuses it, or accepts it only with
/// a raised quota).
/// </summary>
public static class TrustPolicySecurity
{
    /// <summary>
    /// IAM's "Role trust policy length" quota: 2,048 characters by default, raisable to 4,096
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, IAM object quotas).
    /// </summary>
    public const int DefaultMaxPolicyCharacters = 2048;

    /// <summary>The most the "Role trust policy length" quota can be raised to.</summary>
    public const int RaisedMaxPolicyCharacters = 4096;

    private static readonly string[] AssumeActions = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

    /// <summary>One finding for each principal other than the expected one that an Allow statement lets assume the role.</summary>
    public static IReadOnlyList<Finding> Findings(PolicyDocument policy, TrustCheckOptions options)
    {
        var findings = new List<Finding>();
        if (SizeFinding(policy) is { } size)
        {
            findings.Add(size);
        }

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

    private static Finding? SizeFinding(PolicyDocument policy)
    {
        var characters = PolicySize.Characters(policy.OriginalText);
        if (characters <= DefaultMaxPolicyCharacters)
        {
            return null;
        }

        var consequence = characters > RaisedMaxPolicyCharacters
            ? $"even with the quota raised to its maximum ({RaisedMaxPolicyCharacters:N0}), so IAM would refuse it"
            : $"and up to {RaisedMaxPolicyCharacters:N0} only if the account's Role trust policy length quota was raised, so IAM may refuse it";
        var message = $"The trust policy is {characters:N0} characters without white space; IAM accepts {DefaultMaxPolicyCharacters:N0} by default {consequence}.";
        return new Finding(RuleIds.PolicySizeLimit, Severity.Info, FindingKind.Security, "(policy)", message, Fixes.For(RuleIds.PolicySizeLimit));
    }

    private static bool IsExpected(PrincipalEntry entry, TrustCheckOptions options) =>
        options.PreviousRole is { } previous
            ? entry.Type == PrincipalTypes.Aws && string.Equals(entry.Value, previous.Arn, StringComparison.OrdinalIgnoreCase)
            : entry.Type == PrincipalTypes.Service
                && (RedshiftPrincipal.IsRedshift(entry.Value) || (options.Serverless && RedshiftPrincipal.IsServerless(entry.Value)));

    private static Finding Extra(Statement statement, Severity severity, string message) =>
        new(RuleIds.TrustExtraPrincipal, severity, FindingKind.Security, statement.Label, message, Fixes.For(RuleIds.TrustExtraPrincipal));
}
