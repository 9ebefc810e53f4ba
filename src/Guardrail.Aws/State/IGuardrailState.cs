namespace Guardrail.Aws.State;

/// <summary>What the guardrail remembers between invocations (one DynamoDB table, partition key <c>pk</c>, TTL <c>expiresAt</c>).</summary>
public interface IGuardrailState
{
    /// <summary>Claims an event id; false when it was already claimed (a duplicate delivery).</summary>
    Task<bool> ClaimEventAsync(string eventId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives an event id back after a failed invocation, so Lambda's retry processes it again.</summary>
    Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken);

    Task<KnownGoodPolicy?> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken);

    Task PutKnownGoodAsync(KnownGoodPolicy knownGood, CancellationToken cancellationToken);

    /// <summary>When the resource was rolled back since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<DateTimeOffset>> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken);

    Task RecordRollbackAsync(string resourceKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The policy hash the drift scan last alerted on for this resource, if any.</summary>
    Task<string?> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken);

    Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken);
}
