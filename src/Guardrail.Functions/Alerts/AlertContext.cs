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

    /// <summary>State items found tampered with while processing (never obeyed): they make the alert critical.</summary>
    public IReadOnlyList<StateTampering> Tampering { get; init; } = [];

    /// <summary>
    /// What the configuration's <c>exceptions</c> did to the verdict's findings (null: none configured). Excepted
    /// findings stay in the alert, marked; expired exceptions are told of. Exceptions never change the outcome.
    /// </summary>
    public Core.Findings.Exceptions.ExceptionDecision? Exceptions { get; init; }

    /// <summary>Set when the alert is late (an earlier attempt was stopped): the alert is marked delayed with this note.</summary>
    public string? DelayedNote { get; init; }
}
