using Guardrail.Aws.State;

namespace Guardrail.Functions.Tests.Fakes;

/// <summary>
/// Every state concern in memory, with the DynamoDB table's semantics (conditional claim, expiry, outbox). An item key
/// put in <see cref="TamperedItems"/> reads as one whose MAC does not verify, as the table does for an item someone
/// else wrote.
/// </summary>
internal sealed class InMemoryState : IEventClaims, IKnownGoodStore, IRollbackHistory, IAlertOutbox
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (bool Completed, DateTimeOffset Until)> claims = [];
    private readonly Dictionary<string, KnownGoodPolicy> knownGood = [];
    private readonly Dictionary<string, List<DateTimeOffset>> rollbacks = [];
    private readonly Dictionary<string, string> restored = [];
    private readonly Dictionary<string, DateTimeOffset> leases = [];
    private readonly Dictionary<string, PendingAlert> outbox = [];
    private readonly Dictionary<string, string> alerted = [];

    public int Released { get; private set; }

    /// <summary>Item keys (<c>knowngood#…</c>, <c>rollbacks#…</c>, <c>outbox#…</c>, <c>alerted#…</c>, <c>event#…</c>) that fail their integrity check.</summary>
    public HashSet<string> TamperedItems { get; } = [];

    public IReadOnlyDictionary<string, PendingAlert> Outbox => outbox;

    /// <summary>When set, claiming throws it: the state table cannot be reached.</summary>
    public Exception? ClaimFailure { get; set; }

    public Task<ClaimResult> ClaimAsync(string eventId, DateTimeOffset now, DateTimeOffset inProgressUntil, CancellationToken cancellationToken) => Read(() =>
    {
        if (ClaimFailure is { } failure)
        {
            throw failure;
        }

        var found = claims.TryGetValue(eventId, out var claim);
        if (TamperedItems.Remove($"event#{eventId}"))
        {
            claims[eventId] = (false, inProgressUntil);
            return ClaimResult.TakenOverFromTampered;
        }

        if (found && (claim.Completed || claim.Until >= now))
        {
            return claim.Completed ? ClaimResult.Completed : ClaimResult.InProgress;
        }

        claims[eventId] = (false, inProgressUntil);
        return found ? ClaimResult.TakenOverFromExpired : ClaimResult.Claimed;
    });

    public Task CompleteAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken) => Write(() => claims[eventId] = (true, keepUntil));

    public Task ReleaseAsync(string eventId, CancellationToken cancellationToken) => Write(() =>
    {
        claims.Remove(eventId);
        Released++;
    });

    public Task<StateRead<KnownGoodPolicy>> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken) => Read(() => Verified($"knowngood#{resourceKey}", knownGood.GetValueOrDefault(resourceKey)));

    public Task PutKnownGoodAsync(KnownGoodPolicy policy, CancellationToken cancellationToken) => Write(() => knownGood[policy.ResourceKey] = policy);

    public Task<StateRead<RollbackHistory>> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken) => Read(() =>
        Verified($"rollbacks#{resourceKey}", new RollbackHistory([.. (rollbacks.GetValueOrDefault(resourceKey) ?? []).Where(t => t >= since).Order()], restored.GetValueOrDefault(resourceKey))));

    public Task<bool> TryStartRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => Read(() =>
    {
        if (!TamperedItems.Contains($"rollbacks#{resourceKey}") && leases.TryGetValue(resourceKey, out var held) && held >= at)
        {
            return false;
        }

        TamperedItems.Remove($"rollbacks#{resourceKey}");
        restored[resourceKey] = restoredHash;
        leases[resourceKey] = leaseUntil;
        return true;
    });

    public Task EndRollbackAsync(string resourceKey, DateTimeOffset? wroteAt, CancellationToken cancellationToken) => Write(() =>
    {
        leases.Remove(resourceKey);
        if (wroteAt is { } at)
        {
            (rollbacks.TryGetValue(resourceKey, out var times) ? times : rollbacks[resourceKey] = []).Add(at);
        }
    });

    public Task<StateRead<PendingAlert>> GetPendingAsync(string claimKey, CancellationToken cancellationToken) => Read(() => Verified($"outbox#{claimKey}", outbox.GetValueOrDefault(claimKey)));

    public Task PutPendingAsync(PendingAlert alert, CancellationToken cancellationToken) => Write(() => outbox[alert.ClaimKey] = alert);

    public Task DeletePendingAsync(string eventId, CancellationToken cancellationToken) => Write(() => outbox.Remove(eventId));

    public Task<StateRead<string>> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken) => Read(() => Verified($"alerted#{resourceKey}", alerted.GetValueOrDefault(resourceKey)));

    public Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken) => Write(() => alerted[resourceKey] = hash);

    /// <summary>The item as the table would answer it: tampered when its key is in <see cref="TamperedItems"/>.</summary>
    private StateRead<T> Verified<T>(string itemKey, T? value)
        where T : class =>
        TamperedItems.Contains(itemKey) ? StateRead.Tampered<T>(new StateTampering(itemKey, "its MAC does not verify")) : value is null ? StateRead.Absent<T>() : StateRead.Of(value);

    private Task<T> Read<T>(Func<T> read)
    {
        lock (gate)
        {
            return Task.FromResult(read());
        }
    }

    private Task Write(Action write)
    {
        lock (gate)
        {
            write();
        }

        return Task.CompletedTask;
    }
}
