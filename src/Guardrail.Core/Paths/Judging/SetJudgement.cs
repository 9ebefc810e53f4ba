using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// One policy set decided over one request shape, split in AWS's two questions: does some explicit deny apply
/// (<see cref="NoDeny"/>) and does some allow grant every request (<see cref="Grant"/>). Each is the worst over the
/// shape's requests, so conjunctions of sets (a boundary, each SCP level, a cross-account pair) combine exactly as
/// the minimum; a union of allows is judged as one set instead (<see cref="PolicySet.With"/>).
/// </summary>
/// <param name="NoDeny">True: no deny applies to any request; False: one certainly applies to some request.</param>
/// <param name="Grant">True: every request is allowed by some statement; False: some request certainly is not.</param>
/// <param name="Result">The evaluation, for the findings.</param>
/// <param name="Set">The set decided.</param>
/// <param name="Shape">The shape decided.</param>
internal sealed record SetJudgement(Tri NoDeny, Tri Grant, FamilyResult Result, PolicySet Set, RequestShape Shape)
{
    /// <summary>Decides <paramref name="set"/> for <paramref name="principal"/> over <paramref name="shape"/>.</summary>
    public static SetJudgement Decide(PolicySet set, RequestPrincipal principal, RequestShape shape, WorkBudget budget)
    {
        // Preparing each statement costs work before the evaluator's own accounting starts: pay for it here, so a
        // path of many tables and large policies cannot outlast the budget either. Sorting the set by action visits
        // every statement once per action; after that only the statements that may cover the action are prepared.
        IReadOnlyList<PolicyStatement>? statements = set.ForAction(shape.Action, out var sorted);
        if (!budget.TrySpendLinear(sorted ? set.Statements.Count : 0))
        {
            statements = null;
        }
        else if (shape.Resource switch { ObjectFamily family => family.FamilyPrefix, FixedResource { Value: ConcreteResource one } => one.Arn, _ => null } is { } arn)
        {
            // A table location's objects, or one resource: only the statements whose patterns may name them, paid
            // for as gathered (a path of many buckets or tables tries each statement where it may apply).
            statements = set.ForObjects(shape.Action, arn, budget);
        }
        else if (!budget.TrySpendLinear(statements.Count))
        {
            statements = null;
        }

        if (statements is null)
        {
            var first = set.Statements.Count > 0 ? set.Statements[0].Statement : null;
            FamilyEvent[] events = first is null ? [] : [new BudgetExhausted(first, shape)];
            return new SetJudgement(Tri.Unknown, Tri.Unknown, new FamilyResult(AccessVerdict.AtRisk, events, 0), set, shape);
        }

        var result = FamilyEvaluator.Evaluate(statements, principal, [shape], GrantSource.PolicyMustAllow, budget);
        var noDeny = Tri.True;
        var grant = Tri.True;
        foreach (var found in result.Events)
        {
            switch (found)
            {
                case DenyMayApply deny:
                    noDeny = noDeny.And(deny.Outcome.Applies.Not());
                    break;
                case DeniesTogether:
                    noDeny = Tri.False;
                    break;
                case GrantMissing:
                    grant = Tri.False;
                    break;
                case GrantUndecided:
                    grant = grant.And(Tri.Unknown);
                    break;
                case BudgetExhausted:
                    // The run stops at the budget: whatever it did not reach is unknown on both sides.
                    noDeny = noDeny.And(Tri.Unknown);
                    grant = grant.And(Tri.Unknown);
                    break;
            }
        }

        return new SetJudgement(noDeny, grant, result, set, shape);
    }

    /// <summary>Whether the work budget ran out before the set was decided over the whole shape.</summary>
    public bool CutByBudget => Result.Events.Any(e => e is BudgetExhausted);

    /// <summary>Whether some allow statement of the set tests a range of the shape (time, signature age).</summary>
    public bool GrantVariesWithinShape => Set.Statements.Any(s =>
        s.Statement.Effect == Effect.Allow
        && s.Statement.Conditions.Any(c => Shape.Dimensions.Concat(Shape.UnknownDimensions).Any(d => d.Tests(c.Key))));
}
