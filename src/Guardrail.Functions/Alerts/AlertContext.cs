using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Alerts;

/// <summary>Everything an alert tells: the change, the judgement, what the guardrail did and why.</summary>
public sealed record AlertContext(
    string TopicArn,
    IPolicyKind Resource,
    PolicyChangeEvent? Event,
    Judgement Judgement,
    Outcome Outcome,
    OutcomeReason ReasonCode,
    string? Reason,
    IReadOnlyList<StatementChange> Diff,
    KnownGoodPolicy? KnownGood,
    bool NewerChangeExists)
{
    public Verdict Verdict => Judgement.Verdict;
}
