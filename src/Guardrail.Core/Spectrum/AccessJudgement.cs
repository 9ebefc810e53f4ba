using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>
/// Turns a family evaluation into one access verdict and its findings: each deny that applies (or may apply) is
/// named with the request that shows it; where the policy itself must allow, a missing or undecidable grant is
/// named too; work the budget did not cover is named as such. Shared by the bucket and trust evaluators, which
/// differ only in rule names. Finding text is built once per kept finding.
/// </summary>
internal static class AccessJudgement
{
    /// <summary>The verdict for <paramref name="result"/>, with the security findings after the access findings.</summary>
    /// <param name="result">The family evaluation.</param>
    /// <param name="denyRule">The rule a deny that applies to a request violates.</param>
    /// <param name="missingGrant">The rule and message for "no statement allows this request".</param>
    /// <param name="security">The policy's security findings.</param>
    public static Verdict From(FamilyResult result, Func<DenyMayApply, string> denyRule, Func<AccessRequest, (string Rule, string Message)> missingGrant, IReadOnlyList<Finding> security) =>
        Pending(result, denyRule, missingGrant, security).Build();

    /// <summary><see cref="From"/>'s verdict, none of its access findings' messages built yet.</summary>
    /// <param name="result">The family evaluation.</param>
    /// <param name="denyRule">The rule a deny that applies to a request violates.</param>
    /// <param name="missingGrant">The rule and message for "no statement allows this request".</param>
    /// <param name="security">The policy's security findings.</param>
    public static PendingVerdict Pending(FamilyResult result, Func<DenyMayApply, string> denyRule, Func<AccessRequest, (string Rule, string Message)> missingGrant, IReadOnlyList<Finding> security)
    {
        var findings = Collect(result, denyRule, missingGrant);
        findings.AddRange(security);
        var requests = (int)Math.Min(result.CellsEvaluated, int.MaxValue);
        return new PendingVerdict(result.Access, security.Any(f => f.Severity > Severity.Info) ? SecurityVerdict.Weakened : SecurityVerdict.Ok, findings.ToPending(), requests);
    }

    /// <summary>The access findings of <paramref name="result"/>, collected but none of their messages built yet.</summary>
    /// <param name="result">The family evaluation.</param>
    /// <param name="denyRule">The rule a deny that applies to a request violates.</param>
    /// <param name="missingGrant">The rule and message for "no statement allows this request".</param>
    public static FindingCollector Collect(FamilyResult result, Func<DenyMayApply, string> denyRule, Func<AccessRequest, (string Rule, string Message)> missingGrant)
    {
        var findings = new FindingCollector();
        foreach (var found in result.Events)
        {
            switch (found)
            {
                case DenyMayApply deny:
                    var rule = denyRule(deny);
                    findings.Add(rule, deny.Outcome.Applies == Tri.True ? Severity.High : Severity.Medium, FindingKind.Access, deny.Outcome.Statement.Label, () => FindingText.Denies(deny.Outcome, deny.Witness));
                    break;
                case DeniesTogether together:
                    foreach (var outcome in together.Outcomes)
                    {
                        var others = string.Join(", ", together.Outcomes.Where(o => o != outcome).Select(o => o.Statement.Label));
                        findings.Add(denyRule(new DenyMayApply(outcome, together.Witness, together.Shape)), Severity.High, FindingKind.Access, outcome.Statement.Label, () => FindingText.DeniesWith(outcome, others, together.Witness));
                    }

                    break;
                case GrantMissing missing:
                    var grant = missingGrant(missing.Witness);
                    findings.Add(grant.Rule, Severity.High, FindingKind.Access, "(policy)", () => grant.Message);
                    break;
                case GrantUndecided undecided:
                    findings.Add(RuleIds.ConditionUnknowable, Severity.Medium, FindingKind.Access, undecided.Outcome.Statement.Label, () => FindingText.AllowsOnlyIf(undecided.Outcome, undecided.Witness));
                    break;
                case BudgetExhausted budget:
                    findings.Add(RuleIds.EvaluationBudget, Severity.Medium, FindingKind.Access, budget.Statement.Label, () => FindingText.OverBudget(budget.Statement, budget.Shape));
                    break;
            }
        }

        return findings;
    }
}
