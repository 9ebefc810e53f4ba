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

    /// <summary>A rollback was due but not done; the reason says why.</summary>
    RollbackSkipped,

    /// <summary>Nothing to judge (failed call, unprotected resource, the guardrail's own change).</summary>
    Ignored,

    /// <summary>This event was already processed.</summary>
    Duplicate,
}

/// <summary>Text forms of <see cref="Outcome"/> used in results, alerts and message attributes.</summary>
public static class OutcomeText
{
    public static string ToText(this Outcome outcome) => outcome switch
    {
        Outcome.Ok => "ok",
        Outcome.Alerted => "alerted",
        Outcome.RolledBack => "rolled-back",
        Outcome.RollbackSkipped => "rollback-skipped",
        Outcome.Ignored => "ignored",
        _ => "duplicate",
    };
}
