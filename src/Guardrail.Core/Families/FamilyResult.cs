using Guardrail.Core.Findings;

namespace Guardrail.Core.Families;

/// <summary>The decision for a whole family of requests: the worst access over all of it, and why.</summary>
/// <param name="Access">Breaks when some request is certainly denied; at-risk when one may be.</param>
/// <param name="Events">What decided it, each with a concrete request.</param>
/// <param name="CellsEvaluated">How many (statement part, cell) decisions it took: the measure of its cost.</param>
public sealed record FamilyResult(AccessVerdict Access, IReadOnlyList<FamilyEvent> Events, long CellsEvaluated);
