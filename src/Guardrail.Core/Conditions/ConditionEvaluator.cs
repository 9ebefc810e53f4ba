using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Conditions;

/// <summary>
/// Evaluates condition clauses with IAM's rules: values of one key OR together (NOR for negated operators),
/// missing keys follow the documented rules (plain operators false, negated true, <c>IfExists</c> true,
/// <c>ForAllValues</c> true, <c>ForAnyValue</c> false, <c>Null</c> tests presence), and unknowable keys give Unknown.
/// </summary>
public static class ConditionEvaluator
{
    /// <summary>Evaluates one clause against the request context.</summary>
    public static ClauseOutcome Evaluate(ConditionClause clause, RequestContext context, bool substituteVariables)
    {
        var value = context.Get(clause.Key);
        var (result, why) = EvaluateOn(clause, value, context, substituteVariables);
        return new ClauseOutcome(clause, result, value, why);
    }

    private static (Tri Result, string? Why) EvaluateOn(ConditionClause clause, ContextValue value, RequestContext context, bool substitute)
    {
        var op = clause.Operator;
        switch (value)
        {
            case CandidateValues candidates:
                var results = candidates.Candidates.Select(c => EvaluateOn(clause, c, context, substitute)).ToList();
                return results.All(r => r.Result == results[0].Result) && results[0].Result != Tri.Unknown
                    ? (results[0].Result, null)
                    : (Tri.Unknown, candidates.Why);
            case OpaqueValue opaque:
                if (op.Family == OperatorFamily.Null && !opaque.MayBeAbsent)
                {
                    return (AnyPolicyBool(clause, wanted: false), null);
                }

                return (Tri.Unknown, opaque.Why);
            case ShapedValue shaped:
                return shaped.Evaluate(clause, context, substitute);
            case KnownValue { Values.Count: > 0 } known:
                return EvaluatePresent(clause, known.Values, context, substitute);
            default:
                return (MissingKey(clause), null);
        }
    }

    /// <summary>The documented result of an operator on a key that is not in the request.</summary>
    private static Tri MissingKey(ConditionClause clause)
    {
        var op = clause.Operator;
        if (op.Family == OperatorFamily.Null)
        {
            return AnyPolicyBool(clause, wanted: true);
        }

        if (op.IfExists)
        {
            return Tri.True;
        }

        return op.Qualifier switch
        {
            SetQualifier.ForAllValues => Tri.True,
            SetQualifier.ForAnyValue => Tri.False,
            _ => TriLogic.From(op.IsNegated),
        };
    }

    private static Tri AnyPolicyBool(ConditionClause clause, bool wanted) =>
        TriLogic.From(clause.Values.Any(v => ConditionValues.TryParseBool(v, out var b) && b == wanted));

    private static (Tri Result, string? Why) EvaluatePresent(ConditionClause clause, IReadOnlyList<string> requestValues, RequestContext context, bool substitute)
    {
        var op = clause.Operator;
        if (op.Family == OperatorFamily.Null)
        {
            return (AnyPolicyBool(clause, wanted: false), null);
        }

        string? why = null;
        var expansions = new Expansion[clause.Values.Count];
        for (var i = 0; i < expansions.Length; i++)
        {
            expansions[i] = PolicyVariables.Expand(clause.Values[i], context, substitute);
            why ??= expansions[i].Why;
        }

        Tri MatchesAnyPolicyValue(string requestValue)
        {
            var result = Tri.False;
            foreach (var expansion in expansions)
            {
                var single = expansion.Status switch
                {
                    Tri.True => TriLogic.From(ValueComparer.Matches(op, requestValue, expansion.Pattern)),
                    Tri.False => Tri.False,
                    _ => Tri.Unknown,
                };
                result = result.Or(single);
                if (result == Tri.True)
                {
                    break;
                }
            }

            return result;
        }

        if (op.Qualifier == SetQualifier.None && requestValues.Count > 1)
        {
            // IAM requires a set operator for multivalued keys and does not document the result without one.
            return (Tri.Unknown, $"{clause.Key} has several values and {op.Name} has no ForAllValues/ForAnyValue qualifier; AWS does not document that case");
        }

        var perValue = requestValues.Select(MatchesAnyPolicyValue);
        var outcome = (op.Qualifier, op.IsNegated) switch
        {
            (SetQualifier.ForAllValues, false) => TriLogic.All(perValue),
            (SetQualifier.ForAllValues, true) => TriLogic.All(perValue.Select(TriLogic.Not)),
            (SetQualifier.ForAnyValue, false) => TriLogic.Any(perValue),
            (SetQualifier.ForAnyValue, true) => TriLogic.Any(perValue.Select(TriLogic.Not)),
            (_, false) => perValue.Single(),
            (_, true) => perValue.Single().Not(),
        };
        return (outcome, outcome == Tri.Unknown ? why : null);
    }
}
