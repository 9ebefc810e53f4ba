using Guardrail.Aws.Sns;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;

namespace Guardrail.Functions.Processing;

/// <summary>
/// The result of one invocation, returned by the handler as JSON and printed by <c>guardrail invoke</c>.
/// <paramref name="DelayedAlert"/> is true when the alert published is one an earlier attempt recorded but could not publish.
/// </summary>
public sealed record InvocationResult(
    Outcome Outcome,
    string? EventId,
    string? Reason = null,
    string? ResourceType = null,
    string? ResourceName = null,
    Verdict? Verdict = null,
    IReadOnlyList<StatementChange>? Diff = null,
    SnsMessage? Alert = null,
    string? MessageId = null,
    bool NewerChangeExists = false,
    IReadOnlyList<InvocationResult>? Resources = null,
    OutcomeReason ReasonCode = OutcomeReason.None,
    bool DelayedAlert = false);
