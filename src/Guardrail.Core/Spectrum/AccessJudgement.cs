using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Turns the decisions for the requests Spectrum must make into one access verdict and its findings: the worst
/// decision wins, each deny that applies (or may apply) is named, and where the policy itself must allow, a missing
/// or undecidable grant is named too. Shared by the bucket and trust evaluators, which differ only in rule names.
/// </summary>
internal sealed class AccessJudgement
{
    private readonly FindingCollector findings = new();
    private AccessVerdict access = AccessVerdict.Ok;

    /// <summary>Records one decision.</summary>
    /// <param name="decision">The decision for one request Spectrum must make.</param>
    /// <param name="denyRule">The rule a deny statement that applies to the request violates.</param>
    /// <param name="missingGrant">When the policy itself must allow: the rule and message for "no statement allows it"; null when an identity policy may grant.</param>
    public void Record(RequestDecision decision, Func<StatementOutcome, string> denyRule, (string Rule, string Message)? missingGrant)
    {
        if (decision.Allowed == Tri.True)
        {
            return;
        }

        var verdict = decision.Allowed == Tri.False ? AccessVerdict.Breaks : AccessVerdict.AtRisk;
        access = verdict > access ? verdict : access;
        foreach (var deny in decision.Denies)
        {
            var rule = denyRule(deny);
            findings.Add(new Finding(rule, deny.Applies == Tri.True ? Severity.High : Severity.Medium, FindingKind.Access, deny.Statement.Label, FindingText.Denies(deny, decision.Request), Fixes.For(rule)));
        }

        if (missingGrant is not { } grant)
        {
            return;
        }

        if (decision.Allow == Tri.False)
        {
            findings.Add(new Finding(grant.Rule, Severity.High, FindingKind.Access, "(policy)", grant.Message, Fixes.For(grant.Rule)));
        }
        else if (decision.Allow == Tri.Unknown)
        {
            foreach (var allow in decision.Allows.Where(a => a.Applies == Tri.Unknown))
            {
                findings.Add(new Finding(RuleIds.ConditionUnknowable, Severity.Medium, FindingKind.Access, allow.Statement.Label, FindingText.AllowsOnlyIf(allow, decision.Request), Fixes.For(RuleIds.ConditionUnknowable)));
            }
        }
    }

    /// <summary>The verdict, with the security findings added after the access findings.</summary>
    public Verdict Finish(IReadOnlyList<Finding> security, int requestsEvaluated)
    {
        findings.AddRange(security);
        return new Verdict(access, security.Any(f => f.Severity > Severity.Info) ? SecurityVerdict.Weakened : SecurityVerdict.Ok, findings.ToList(), requestsEvaluated);
    }
}
