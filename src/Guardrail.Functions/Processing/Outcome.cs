namespace Guardrail.Functions.Processing;

/// <summary>What an invocation did.</summary>
public enum Outcome
{
    /// <summary>Judged ok (and recorded as known-good).</summary>
    Ok,

    /// <summary>Judged not ok; an alert was published.</summary>
    Alerted,

    /// <summary>The known-good policy was put back and verified.</summary>
    RolledBack,

    /// <summary>A rollback was due but not done; <see cref="OutcomeReason"/> says why.</summary>
    RollbackSkipped,

    /// <summary>Rolling back was due: the write failed or did not stick. Alerted, then the invocation fails.</summary>
    RollbackFailed,

    /// <summary>
    /// A rollback was due and the guardrail refused to write what it had: the known-good record failed its integrity
    /// check, or re-judged now it is not ok. Alerted; nothing was written.
    /// </summary>
    RollbackRefused,

    /// <summary>The circuit breaker is open: too many rollbacks of this resource lately, so none was done.</summary>
    CircuitOpen,

    /// <summary>Judging failed (an AWS error, the deadline, a bug). Alerted, then the invocation fails.</summary>
    CouldNotJudge,

    /// <summary>Nothing to judge (failed call, unprotected resource, the guardrail's own change).</summary>
    Ignored,

    /// <summary>This event was already processed, or is being processed right now.</summary>
    Duplicate,
}

/// <summary>Why an outcome is what it is, where more than one reason is possible.</summary>
public enum OutcomeReason
{
    None,

    /// <summary>Changed by a break-glass role: alerted, never rolled back.</summary>
    BreakGlass,

    /// <summary>No known-good policy to restore.</summary>
    NoKnownGood,

    /// <summary>The policy changed after the judged change, and the newer policy is the guardrail's own rollback.</summary>
    NewerChangeByGuardrail,

    /// <summary>The policy changed after the judged change, by someone else.</summary>
    NewerChangeByOther,

    /// <summary>Another invocation of the guardrail is rolling the same resource back right now (for another change event).</summary>
    RollbackInProgress,

    /// <summary>Writing the known-good policy failed.</summary>
    RollbackWriteFailed,

    /// <summary>AWS refused the restore write: the resource is not marked protected (or the role lacks the permission).</summary>
    RollbackNotPermitted,

    /// <summary>After the write, the live policy is not the known-good one.</summary>
    RollbackNotVerified,

    /// <summary>The deadline came before the work was done.</summary>
    Deadline,

    /// <summary>A state-table item failed its integrity check (no valid MAC, or times out of range): never obeyed.</summary>
    StateTampered,

    /// <summary>The known-good state, judged again right before writing it, is not ok (breaks, at risk or weakened).</summary>
    KnownGoodNotOk,

    /// <summary>The path breaks, but not on a hop the triggering call changed: its cause is another change, alerted, not restored.</summary>
    OtherCause,

    /// <summary>An error was thrown while judging.</summary>
    Error,
}

/// <summary>Text forms of <see cref="Outcome"/> and <see cref="OutcomeReason"/> used in results, alerts and message attributes.</summary>
public static class OutcomeText
{
    private static readonly Outcome[] All = Enum.GetValues<Outcome>();

    public static string ToText(this Outcome outcome) => outcome switch
    {
        Outcome.Ok => "ok",
        Outcome.Alerted => "alerted",
        Outcome.RolledBack => "rolled-back",
        Outcome.RollbackSkipped => "rollback-skipped",
        Outcome.RollbackFailed => "rollback-failed",
        Outcome.RollbackRefused => "rollback-refused",
        Outcome.CircuitOpen => "circuit-open",
        Outcome.CouldNotJudge => "could-not-judge",
        Outcome.Ignored => "ignored",
        _ => "duplicate",
    };

    /// <summary>Reads back a stored outcome (the alert outbox keeps it as text).</summary>
    public static Outcome Parse(string text) => All.First(o => o.ToText() == text);

    /// <summary>How much an outcome needs a person: the worst of several paths' outcomes stands for the invocation.</summary>
    public static int Severity(Outcome outcome) => outcome switch
    {
        Outcome.Ignored or Outcome.Duplicate => 0,
        Outcome.Ok => 1,
        Outcome.RolledBack => 2,
        Outcome.Alerted or Outcome.RollbackSkipped => 3,
        Outcome.CircuitOpen or Outcome.RollbackRefused => 4,
        _ => 5,
    };

    public static string ToText(this OutcomeReason reason) => reason switch
    {
        OutcomeReason.BreakGlass => "break-glass",
        OutcomeReason.NoKnownGood => "no-known-good",
        OutcomeReason.NewerChangeByGuardrail => "newer-change-by-guardrail",
        OutcomeReason.NewerChangeByOther => "newer-change-by-other",
        OutcomeReason.RollbackInProgress => "rollback-in-progress",
        OutcomeReason.RollbackWriteFailed => "rollback-write-failed",
        OutcomeReason.RollbackNotPermitted => "rollback-not-permitted",
        OutcomeReason.RollbackNotVerified => "rollback-not-verified",
        OutcomeReason.Deadline => "deadline",
        OutcomeReason.StateTampered => "state-tampered",
        OutcomeReason.KnownGoodNotOk => "known-good-not-ok",
        OutcomeReason.OtherCause => "other-cause",
        OutcomeReason.Error => "error",
        _ => "none",
    };
}
