using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>
/// Decides a policy for every request of some request shapes without listing the requests. The worst decision over
/// a shape is min(not max over requests of any deny, min over requests of any allow), and the two parts separate:
/// <list type="bullet">
/// <item>Denies: the max over requests of "some deny applies" is the max over denies, each decided alone over its
/// own points (<see cref="StatementProfile"/>), so the cost is linear in statements × shapes.</item>
/// <item>Allows (only where the policy itself must allow): one allow that certainly covers the shape settles it;
/// otherwise the allows that can help are combined on their joint points, within the <see cref="WorkBudget"/>.</item>
/// </list>
/// </summary>
public static class FamilyEvaluator
{
    /// <summary>Evaluates <paramref name="policy"/> (null: no policy) over <paramref name="shapes"/>.</summary>
    public static FamilyResult Evaluate(PolicyDocument? policy, RequestPrincipal principal, IReadOnlyList<RequestShape> shapes, GrantSource grant, WorkBudget budget)
    {
        var substitutes = policy?.SubstitutesVariables ?? false;
        return Evaluate([.. (policy?.Statements ?? []).Select(s => new PolicyStatement(s, substitutes))], principal, shapes, grant, budget);
    }

    /// <summary>
    /// Evaluates statements drawn from one or more policies as one policy (AWS's union of, e.g., a role's inline and
    /// managed policies: any allow grants, any deny wins), each with its own policy's variable substitution.
    /// </summary>
    public static FamilyResult Evaluate(IReadOnlyList<PolicyStatement> statements, RequestPrincipal principal, IReadOnlyList<RequestShape> shapes, GrantSource grant, WorkBudget budget)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(shapes);
        var dimensions = shapes.SelectMany(s => s.Dimensions.Concat(s.UnknownDimensions)).Distinct().ToList();
        var actions = shapes.Select(s => s.Action).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var profiles = new List<StatementProfile>();
        foreach (var (statement, substitutes) in statements)
        {
            // Statements that can never apply to Spectrum's principal and actions cost nothing further.
            if (StatementProfile.For(statement, principal, actions, dimensions, substitutes) is { } profile)
            {
                profiles.Add(profile);
            }
        }

        var run = new FamilyRun(principal, budget);
        foreach (var shape in shapes)
        {
            var undecided = new List<StatementProfile>();
            foreach (var profile in profiles)
            {
                // Every visit costs a unit, so even a huge number of table locations cannot outlast the budget.
                if (!budget.TrySpendLinear(1))
                {
                    run.Exhausted(profile, shape);
                    return run.Result();
                }

                if (profile.Statement.Effect == Effect.Deny && profile.MayApply(shape) && run.Deny(profile, shape) == Tri.Unknown)
                {
                    undecided.Add(profile);
                }
            }

            // Denies each unknown only through the one value a request leaves undocumented may, between them,
            // cover every possibility of it: decided together, as the request's possible worlds.
            var onUnknownValue = undecided.Where(p => shape.UnknownDimensions.Any(d => p.Group(d.Kind) is not null)).ToList();
            if (onUnknownValue.Count > 1)
            {
                run.DenyTogether(onUnknownValue, shape);
            }

            if (grant == GrantSource.PolicyMustAllow)
            {
                run.Grant([.. profiles.Where(p => p.Statement.Effect == Effect.Allow && p.MayApply(shape))], shape);
            }
        }

        return run.Result();
    }
}

/// <summary>A statement with the variable substitution of the policy it comes from.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="SubstitutesVariables">Whether its policy's version substitutes <c>${...}</c> variables.</param>
public sealed record PolicyStatement(Statement Statement, bool SubstitutesVariables);
