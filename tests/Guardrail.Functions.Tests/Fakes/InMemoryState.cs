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
    private readonly Dictionary<string, PendingAlert> outbox = [];
    private readonly Dictionary<string, string> alerted = [];

    public int Released { get; private set; }

    public IReadOnlyDictionary<string, PendingAlert> Outbox => outbox;

    public Task<ClaimResult> ClaimAsync(string eventId, DateTimeOffset now, DateTimeOffset inProgressUntil, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (claims.TryGetValue(eventId, out var claim))
            {
                if (claim.Completed)
                {
                    return Task.FromResult(ClaimResult.Completed);
                }

                if (claim.Until >= now)
                {
                    return Task.FromResult(ClaimResult.InProgress);
                }
            }

            claims[eventId] = (false, inProgressUntil);
            return Task.FromResult(claim == default ? ClaimResult.Claimed : ClaimResult.TakenOverFromExpired);
        }
    }

    public Task CompleteAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            claims[eventId] = (true, keepUntil);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            claims.Remove(eventId);
            Released++;
        }

        return Task.CompletedTask;
    }

    public Task<KnownGoodPolicy?> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(knownGood.GetValueOrDefault(resourceKey));
        }
    }

    public Task PutKnownGoodAsync(KnownGoodPolicy policy, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            knownGood[policy.ResourceKey] = policy;
        }

        return Task.CompletedTask;
    }

    public Task<RollbackHistory> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var times = rollbacks.GetValueOrDefault(resourceKey) ?? [];
            return Task.FromResult(new RollbackHistory([.. times.Where(t => t >= since).Order()], restored.GetValueOrDefault(resourceKey)));
        }
    }

    public Task RecordRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            (rollbacks.TryGetValue(resourceKey, out var times) ? times : rollbacks[resourceKey] = []).Add(at);
            restored[resourceKey] = restoredHash;
        }

        return Task.CompletedTask;
    }

    public Task<PendingAlert?> GetPendingAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(outbox.GetValueOrDefault(eventId));
        }
    }

    public Task PutPendingAsync(PendingAlert alert, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            outbox[alert.EventId] = alert;
        }

        return Task.CompletedTask;
    }

    public Task DeletePendingAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            outbox.Remove(eventId);
        }

        return Task.CompletedTask;
    }

    public Task<string?> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(alerted.GetValueOrDefault(resourceKey));
        }
    }

    public Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            alerted[resourceKey] = hash;
        }

        return Task.CompletedTask;
    }
}
