using Guardrail.Core.Conditions;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>
/// The clauses of one statement that test one dimension, with the points that decide them (cut by this statement's
/// own constants only, so the cost grows with the statement, not with the policy). Their conjunction's best or
/// worst value over the whole range is the best or worst over those points.
/// </summary>
internal sealed class DimensionGroup
{
    private readonly NumericDimension dimension;
    private readonly IReadOnlyList<ConditionClause> clauses;
    private readonly CompiledComparison?[] compiled;
    private readonly bool substitutesVariables;
    private readonly long costPerPoint;
    private Reach<long>? cached;

    public DimensionGroup(NumericDimension dimension, IReadOnlyList<ConditionClause> clauses, bool substitutesVariables)
    {
        this.dimension = dimension;
        this.clauses = clauses;
        this.substitutesVariables = substitutesVariables;
        compiled = new CompiledComparison?[clauses.Count];
        var allPositions = new List<decimal>();
        costPerPoint = 1;
        IndependentOfContext = true;
        for (var i = 0; i < clauses.Count; i++)
        {
            var positions = dimension.Positions(clauses[i]);
            allPositions.AddRange(positions);
            compiled[i] = CompiledComparison.TryCompile(clauses[i], positions, dimension, substitutesVariables);
            costPerPoint += compiled[i] is null ? clauses[i].Values.Count + 1 : 1;
            IndependentOfContext &= compiled[i] is not null;
        }

        Points = dimension.CutPoints(allPositions);
    }

    /// <summary>The dimension.</summary>
    public NumericDimension Dimension => dimension;

    /// <summary>The clauses.</summary>
    public IReadOnlyList<ConditionClause> Clauses => clauses;

    /// <summary>The points that decide every cell.</summary>
    public long[] Points { get; }

    /// <summary>True when every clause was compiled, so the result does not depend on the rest of the request.</summary>
    public bool IndependentOfContext { get; }

    /// <summary>What deciding the group at every point costs.</summary>
    public long Cost => Points.LongLength * costPerPoint;

    /// <summary>
    /// The values the conjunction takes over the range, each with the first point that takes it; null when the
    /// budget does not cover the work.
    /// </summary>
    public Reach<long>? Range(RequestContext context, WorkBudget budget)
    {
        if (IndependentOfContext && cached is not null)
        {
            // Compiled clauses ignore the rest of the request: every shape gets the same answer.
            return cached;
        }

        if (!budget.TrySpend(Cost))
        {
            return null;
        }

        var reach = new Reach<long>();
        for (var i = 0; i < Points.Length && !reach.Complete; i++)
        {
            reach.Add(ValueAt(context, Points[i]), Points[i]);
        }

        if (IndependentOfContext)
        {
            cached = reach;
        }

        return reach;
    }

    /// <summary>The conjunction's value at one point.</summary>
    public Tri ValueAt(RequestContext context, long point)
    {
        RequestContext? pointContext = null;
        var result = Tri.True;
        for (var i = 0; i < clauses.Count && result != Tri.False; i++)
        {
            var value = compiled[i] is { } fast
                ? fast.At(point)
                : ConditionEvaluator.Evaluate(clauses[i], pointContext ??= dimension.At(context, point), substitutesVariables).Value;
            result = result.And(value);
        }

        return result;
    }
}
