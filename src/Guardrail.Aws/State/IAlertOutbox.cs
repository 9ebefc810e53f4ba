using Guardrail.Aws.Sns;

namespace Guardrail.Aws.State;

/// <summary>
/// Alerts recorded before they are published: an alert is written before any side effect (a rollback), so that an
/// invocation that dies or fails to publish leaves it for the retry to publish. Also remembers the policy hash the
/// drift scan last alerted on per resource, so a scan alerts once per bad state.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>The alert an earlier attempt recorded for this event (by its claim key), if any and if its MAC verifies.</summary>
    Task<StateRead<PendingAlert>> GetPendingAsync(string claimKey, CancellationToken cancellationToken);

    /// <summary>Records (or replaces) the alert for its event.</summary>
    Task PutPendingAsync(PendingAlert alert, CancellationToken cancellationToken);

    /// <summary>Forgets an event's alert (after a failed rollback was reported, so the retry judges afresh).</summary>
    Task DeletePendingAsync(string claimKey, CancellationToken cancellationToken);

    /// <summary>The policy hash the drift scan last alerted on for this resource, if any and if its MAC verifies.</summary>
    Task<StateRead<string>> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken);

    Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken);
}

/// <summary>How far an outbox alert got.</summary>
public enum AlertStage
{
    /// <summary>Recorded before a rollback write: whether the write happened is not known yet.</summary>
    Planned,

    /// <summary>What the guardrail did is settled and in the alert; it is waiting to be published.</summary>
    Ready,

    /// <summary>SNS accepted it.</summary>
    Published,
}

/// <summary>
/// An alert in the outbox, under its event's claim key (<paramref name="ClaimKey"/>). <paramref name="Outcome"/> is the invocation outcome's text; <paramref name="RestoreHash"/>
/// is the hash a planned rollback restores; <paramref name="Action"/> says what the recording attempt did, in words
/// for the retry's note; <paramref name="PublishError"/> is why publishing failed, when it did.
/// </summary>
public sealed record PendingAlert(
    string ClaimKey,
    string ResourceKey,
    SnsMessage Message,
    string Outcome,
    AlertStage Stage,
    DateTimeOffset RecordedAt,
    string? RestoreHash,
    string Action,
    string? PublishError = null);
