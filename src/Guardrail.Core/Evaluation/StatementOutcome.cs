using Guardrail.Core.Conditions;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Evaluation;

/// <summary>Whether a statement applies to a request, element by element, with the condition clauses' explanations.</summary>
public sealed record StatementOutcome(
    Statement Statement,
    Tri Applies,
    Tri Principal,
    Tri Action,
    Tri Resource,
    IReadOnlyList<ClauseOutcome> Clauses)
{
    /// <summary>The clauses whose result could not be decided.</summary>
    public IEnumerable<ClauseOutcome> UndecidedClauses => Clauses.Where(c => c.Value == Tri.Unknown);
}
