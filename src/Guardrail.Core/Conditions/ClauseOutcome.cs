using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Conditions;

/// <summary>How one condition clause evaluated for a request, and why, in words for people.</summary>
public sealed record ClauseOutcome(ConditionClause Clause, Tri Value, string Explanation, string? UnknownWhy);
