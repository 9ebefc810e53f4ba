using Guardrail.Aws.State;
using Guardrail.Functions.Events;
using Guardrail.Functions.Observability;

namespace Guardrail.Functions.Processing;

/// <summary>
/// One event's processing for one resource, as it goes: what it is about, its claim key and deadline, and what it
/// found on the way that the alert must tell — state items that failed their integrity check, and whether an earlier
/// attempt at the same event was stopped before it finished.
/// </summary>
internal sealed class Invocation(PolicyChangeEvent change, GuardedResource resource, string claimKey, InvocationDeadline deadline, JsonLog log, Metrics metrics)
{
    private readonly List<StateTampering> tampering = [];

    public PolicyChangeEvent Change => change;

    public GuardedResource Resource => resource;

    /// <summary>The event's claim and outbox key (<see cref="PolicyChangeProcessor.ClaimKey"/>).</summary>
    public string ClaimKey => claimKey;

    public InvocationDeadline Deadline => deadline;

    /// <summary>An earlier attempt claimed this event and was stopped before it finished: this alert is late.</summary>
    public bool RetryOfStopped { get; set; }

    /// <summary>The state items found tampered with so far (never obeyed).</summary>
    public IReadOnlyList<StateTampering> Tampering => tampering;

    /// <summary>The note a late alert carries, or null.</summary>
    public string? DelayedNote => RetryOfStopped
        ? "an earlier attempt at this event was stopped (killed or timed out) before it finished; this alert is published by Lambda's retry"
        : null;

    /// <summary>Records an item that failed its integrity check (nothing when <paramref name="found"/> is null).</summary>
    public void Tampered(StateTampering? found)
    {
        if (found is null)
        {
            return;
        }

        tampering.Add(found);
        metrics.Count("StateTampered");
        log.Error("state-tampered: an item of the guardrail's state failed its integrity check and is not obeyed", ("resource", resource.Kind.Name), ("item", found.ItemKey), ("problem", found.Problem));
    }
}
