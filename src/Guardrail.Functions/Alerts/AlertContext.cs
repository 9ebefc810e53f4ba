using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Alerts;

/// <summary>Everything an alert tells: the change, the judgement, what the guardrail did.</summary>
public sealed record AlertContext(
    string TopicArn,
    IGuardedResource Resource,
    PolicyChangeEvent? Event,
    Verdict Verdict,
    Outcome Outcome,
    string? Reason,
    IReadOnlyList<StatementChange> Diff,
    KnownGoodPolicy? KnownGood,
    string PolicyHash,
    bool NewerChangeExists);
