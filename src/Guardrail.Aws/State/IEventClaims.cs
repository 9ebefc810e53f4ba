namespace Guardrail.Aws.State;

/// <summary>
/// Claims on CloudTrail events, so that each change is judged once. A claim's key names the function, the event id
/// and a digest of the event, so a forged copy that borrows a real event's id never turns the real one into a duplicate. A claim is <em>in progress</em> until a moment
/// shortly after the claiming invocation's deadline, then <em>completed</em>; an in-progress claim past its expiry
/// belongs to an invocation that was killed, and the next attempt takes it over.
/// </summary>
public interface IEventClaims
{
    /// <summary>Claims <paramref name="claimKey"/> as in progress until <paramref name="inProgressUntil"/>.</summary>
    Task<ClaimResult> ClaimAsync(string claimKey, DateTimeOffset now, DateTimeOffset inProgressUntil, CancellationToken cancellationToken);

    /// <summary>Marks the event as processed; it is remembered until <paramref name="keepUntil"/>.</summary>
    Task CompleteAsync(string claimKey, DateTimeOffset keepUntil, CancellationToken cancellationToken);

    /// <summary>Gives an event id back after a failed invocation, so Lambda's retry processes it again.</summary>
    Task ReleaseAsync(string claimKey, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IEventClaims.ClaimAsync"/> found.</summary>
public enum ClaimResult
{
    /// <summary>Nobody had claimed the event: this invocation judges it.</summary>
    Claimed,

    /// <summary>An earlier attempt claimed it and died before its claim expired: this invocation judges it again.</summary>
    TakenOverFromExpired,

    /// <summary>Another invocation is judging it right now.</summary>
    InProgress,

    /// <summary>The event was already processed.</summary>
    Completed,

    /// <summary>
    /// The event's claim item failed its integrity check (no valid MAC, or an expiry beyond any invocation): it was
    /// never obeyed, this invocation took the claim over and judges the event, and reports the tampering.
    /// </summary>
    TakenOverFromTampered,
}
