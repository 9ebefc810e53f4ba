using Guardrail.Core.Conditions;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Evaluation;

/// <summary>
/// A key that is certainly present, with one value whose exact text is unknown but whose form AWS documents
/// (<c>aws:userid</c> of a role session is <c>AROA…:session-name</c>). String conditions that every string of the
/// form satisfies, or none does, are decided; the rest are unknown, explained by <paramref name="Why"/>.
/// </summary>
/// <param name="Shape">The documented form.</param>
/// <param name="Why">What is not known, said in findings.</param>
public sealed record ShapedValue(ValueShape Shape, string Why) : ContextValue
{
    /// <summary>Evaluates a clause on this key with IAM's rules for a present single-valued key.</summary>
    public (Tri Result, string? Why) Evaluate(ConditionClause clause, RequestContext context, bool substituteVariables)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var op = clause.Operator;
        if (op.Family == OperatorFamily.Null)
        {
            // The key is present, so "Null": "false" holds and "Null": "true" does not.
            return (TriLogic.From(clause.Values.Any(v => ConditionValues.TryParseBool(v, out var isNull) && !isNull)), null);
        }

        if (op.Family != OperatorFamily.String)
        {
            return (Tri.Unknown, Why);
        }

        // One value: ForAnyValue and ForAllValues reduce to the plain test, IfExists changes nothing.
        var wildcards = op.Kind is OperatorKind.Like or OperatorKind.NotLike;
        var any = Tri.False;
        foreach (var raw in clause.Values)
        {
            var expansion = PolicyVariables.Expand(raw, context, substituteVariables);
            any = any.Or(expansion.Status == Tri.True ? Shape.Matches(expansion.Pattern, wildcards, op.IgnoreCase) : expansion.Status);
            if (any == Tri.True)
            {
                break;
            }
        }

        var result = op.IsNegated ? any.Not() : any;
        return (result, result == Tri.Unknown ? Why : null);
    }
}
