using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Conditions;

/// <summary>How one condition clause evaluated for a request, and why.</summary>
/// <param name="Clause">The clause.</param>
/// <param name="Value">Its result.</param>
/// <param name="RequestValue">What the request carried for the key.</param>
/// <param name="UnknownWhy">For Unknown, the fact that could not be known.</param>
public sealed record ClauseOutcome(ConditionClause Clause, Tri Value, ContextValue RequestValue, string? UnknownWhy)
{
    /// <summary>The outcome in words for people. Built on demand: most outcomes are never shown.</summary>
    public string Explanation => ClauseExplanation.Explain(Clause, RequestValue, Value, UnknownWhy);
}
