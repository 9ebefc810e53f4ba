namespace Guardrail.Aws.State;

/// <summary>
/// The rollbacks the guardrail attempted on each resource: for the circuit breaker, and to recognise the guardrail's
/// own restore when a policy changed between a judgement and its rollback.
/// </summary>
public interface IRollbackHistory
{
    /// <summary>
    /// The rollbacks since <paramref name="since"/> and the hash of the policy last restored; a history that fails its
    /// integrity check (no valid MAC, a lease beyond any invocation, a time in the future) is reported and read as none.
    /// </summary>
    Task<StateRead<RollbackHistory>> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the policy with hash <paramref name="restoredHash"/> is about to be restored, before the write, and
    /// takes the resource's rollback lease until <paramref name="leaseUntil"/>; false (nothing recorded) when another
    /// invocation holds a valid lease, i.e. is rolling the same resource back right now. The attempt is not counted as
    /// a rollback yet (<see cref="EndRollbackAsync"/> counts it once its write landed), so an attempt killed before
    /// writing never feeds the circuit breaker.
    /// </summary>
    Task<bool> TryStartRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the rollback lease back once the write is done (or failed); <paramref name="wroteAt"/> is when the write
    /// landed (it is counted as a rollback), null when it did not.
    /// </summary>
    Task EndRollbackAsync(string resourceKey, DateTimeOffset? wroteAt, CancellationToken cancellationToken);
}

/// <summary>Rollbacks whose write landed, in a window, oldest first, and the hash the last one restored (null when none is recorded).</summary>
public sealed record RollbackHistory(IReadOnlyList<DateTimeOffset> Times, string? LastRestoredHash)
{
    /// <summary>Until when an invocation holds the rollback lease (null when none does).</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public static readonly RollbackHistory None = new([], null);
}
