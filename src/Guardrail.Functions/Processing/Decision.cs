namespace Guardrail.Functions.Processing;

/// <summary>What the processor decided to do about a change judged not ok, and why.</summary>
internal sealed record Decision(Outcome Outcome, OutcomeReason Code, string? Reason);
