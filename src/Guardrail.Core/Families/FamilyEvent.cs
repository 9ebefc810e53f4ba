using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>Something the family evaluation found, with the concrete request that shows it. Callers name the rule.</summary>
public abstract record FamilyEvent
{
    private protected FamilyEvent()
    {
    }
}

/// <summary>A deny applies (or may apply) to <paramref name="Witness"/>, a request of <paramref name="Shape"/>.</summary>
public sealed record DenyMayApply(StatementOutcome Outcome, AccessRequest Witness, RequestShape Shape) : FamilyEvent;

/// <summary>
/// No single deny is certain, but between them <paramref name="Outcomes"/>' statements deny <paramref name="Witness"/>
/// whatever the value it leaves undocumented (each covers some of the possibilities).
/// </summary>
public sealed record DeniesTogether(IReadOnlyList<StatementOutcome> Outcomes, AccessRequest Witness, RequestShape Shape) : FamilyEvent;

/// <summary>Where the policy itself must allow: no statement allows <paramref name="Witness"/>.</summary>
public sealed record GrantMissing(AccessRequest Witness, RequestShape Shape) : FamilyEvent;

/// <summary>Where the policy itself must allow: <paramref name="Outcome"/>'s statement allows <paramref name="Witness"/> only under unknown facts.</summary>
public sealed record GrantUndecided(StatementOutcome Outcome, AccessRequest Witness) : FamilyEvent;

/// <summary>Deciding <paramref name="Statement"/> over <paramref name="Shape"/> did not fit the work budget: its result is unknown.</summary>
public sealed record BudgetExhausted(Statement Statement, RequestShape Shape) : FamilyEvent;
