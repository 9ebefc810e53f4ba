using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>
/// A numeric or date clause on a dimension key, with its constants parsed once and sorted, so that its result at a
/// point costs a binary search instead of parsing every constant again: "any constant v with x &lt; v" is
/// "x &lt; the largest v", and equality is a lookup. Gives exactly what <see cref="Conditions.ConditionEvaluator"/>
/// gives for a single-valued key that is present (which the dimension's keys always are where they vary).
/// </summary>
internal sealed class CompiledComparison
{
    private readonly OperatorKind kind;
    private readonly bool negated;
    private readonly decimal[] sorted;

    private CompiledComparison(OperatorKind kind, bool negated, decimal[] sorted)
    {
        this.kind = kind;
        this.negated = negated;
        this.sorted = sorted;
    }

    /// <summary>
    /// Compiles <paramref name="clause"/> for <paramref name="dimension"/> from its constants' positions, or returns
    /// null when only the general evaluator can decide it (policy variables, a key the operator cannot read).
    /// </summary>
    public static CompiledComparison? TryCompile(ConditionClause clause, decimal[] positions, NumericDimension dimension, bool substitutesVariables)
    {
        var op = clause.Operator;
        if (op.Family is not (OperatorFamily.Numeric or OperatorFamily.Date) || !CompilableKey(clause.Key, op.Family, dimension))
        {
            return null;
        }

        if (substitutesVariables && clause.Values.Any(v => v.Contains("${", StringComparison.Ordinal)))
        {
            return null;
        }

        // A constant that does not parse never compares true, exactly as in the general evaluator. The positions
        // are this clause's own (made for it by the dimension), so they are sorted in place.
        Array.Sort(positions);
        return new CompiledComparison(op.Kind, op.IsNegated, positions);
    }

    /// <summary>The clause's result when the key's value is <paramref name="point"/>.</summary>
    public Tri At(long point)
    {
        var positive = sorted.Length > 0 && kind switch
        {
            OperatorKind.Equals or OperatorKind.NotEquals => Array.BinarySearch(sorted, (decimal)point) >= 0,
            OperatorKind.LessThan => point < sorted[^1],
            OperatorKind.LessThanEquals => point <= sorted[^1],
            OperatorKind.GreaterThan => point > sorted[0],
            OperatorKind.GreaterThanEquals => point >= sorted[0],
            _ => false,
        };
        return TriLogic.From(positive != negated);
    }

    /// <summary>
    /// Date operators compare instants on either time key; numeric ones compare numbers, which only the epoch and
    /// the signature age are (<c>aws:CurrentTime</c> is ISO text, which no numeric constant equals).
    /// </summary>
    private static bool CompilableKey(string key, OperatorFamily family, NumericDimension dimension) =>
        family == OperatorFamily.Date
            ? dimension.Kind == DimensionKind.Time
            : !key.Equals("aws:CurrentTime", StringComparison.OrdinalIgnoreCase);
}
