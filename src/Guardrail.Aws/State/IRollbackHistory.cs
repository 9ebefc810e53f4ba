namespace Guardrail.Aws.State;

/// <summary>
/// The rollbacks the guardrail attempted on each resource: for the circuit breaker, and to recognise the guardrail's
/// own restore when a policy changed between a judgement and its rollback.
/// </summary>
public interface IRollbackHistory
{
    /// <summary>The attempts since <paramref name="since"/> and the hash of the policy last restored.</summary>
    Task<RollbackHistory> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt to restore the policy with hash <paramref name="restoredHash"/>, before the write, and takes
    /// the resource's rollback lease until <paramref name="leaseUntil"/>; false (nothing recorded) when another
    /// invocation holds the lease, i.e. is rolling the same resource back right now.
    /// </summary>
    Task<bool> TryStartRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Gives the rollback lease back once the write is done (or failed).</summary>
    Task EndRollbackAsync(string resourceKey, CancellationToken cancellationToken);
}

/// <summary>Rollback attempts in a window, oldest first, and the hash the last one restored (null when none is recorded).</summary>
public sealed record RollbackHistory(IReadOnlyList<DateTimeOffset> Times, string? LastRestoredHash)
{
    public static readonly RollbackHistory None = new([], null);
}
