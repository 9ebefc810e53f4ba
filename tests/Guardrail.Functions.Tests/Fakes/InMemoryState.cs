using Guardrail.Aws.State;

namespace Guardrail.Functions.Tests.Fakes;

/// <summary>Every state concern in memory, with the DynamoDB table's semantics (conditional claim, expiry, outbox).</summary>
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

    public Task<KnownGoodPolicy?> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken) => Read(() => knownGood.GetValueOrDefault(resourceKey));

    public Task PutKnownGoodAsync(KnownGoodPolicy policy, CancellationToken cancellationToken) => Write(() => knownGood[policy.ResourceKey] = policy);

    public Task<RollbackHistory> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken) => Read(() =>
        new RollbackHistory([.. (rollbacks.GetValueOrDefault(resourceKey) ?? []).Where(t => t >= since).Order()], restored.GetValueOrDefault(resourceKey)));

    public Task<bool> TryStartRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => Read(() =>
    {
        if (leases.TryGetValue(resourceKey, out var held) && held >= at)
        {
            return false;
        }

        (rollbacks.TryGetValue(resourceKey, out var times) ? times : rollbacks[resourceKey] = []).Add(at);
        restored[resourceKey] = restoredHash;
        leases[resourceKey] = leaseUntil;
        return true;
    });

    public Task EndRollbackAsync(string resourceKey, CancellationToken cancellationToken) => Write(() => leases.Remove(resourceKey));

    public Task<PendingAlert?> GetPendingAsync(string eventId, CancellationToken cancellationToken) => Read(() => outbox.GetValueOrDefault(eventId));

    public Task PutPendingAsync(PendingAlert alert, CancellationToken cancellationToken) => Write(() => outbox[alert.EventId] = alert);

    public Task DeletePendingAsync(string eventId, CancellationToken cancellationToken) => Write(() => outbox.Remove(eventId));

    public Task<string?> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken) => Read(() => alerted.GetValueOrDefault(resourceKey));

    public Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken) => Write(() => alerted[resourceKey] = hash);

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
