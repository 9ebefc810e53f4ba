using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// What an access-path event asks for, decided before anything is read: the call's row and the protected paths it
/// may concern — or why it asks for nothing. Shared by the function and its dry run.
/// </summary>
/// <param name="Trigger">The call's row in <see cref="AccessEvents"/>.</param>
/// <param name="Targets">The paths to judge, in configuration order.</param>
internal sealed record AccessPathPlan(AccessEvent Trigger, IReadOnlyList<PathTarget> Targets)
{
    /// <summary>The plan for <paramref name="change"/>, or the reason it is ignored.</summary>
    public static (AccessPathPlan? Plan, string? Ignored) For(GuardrailConfig config, string region, PolicyChangeEvent change)
    {
        if (CallRow(change) is not { } trigger)
        {
            return (null, WhyIgnored(change));
        }

        // An event whose parameters were left out may concern any path: judge them all rather than none.
        var configured = PathTarget.From(config, region);
        if (config.Document?.Organization is { } organization)
        {
            configured = [.. configured.Where(t => EventScope.Selects(t, change, organization))];
            if (configured.Count == 0)
            {
                return (null, EventScope.NoPath(change));
            }
        }

        return Concerning(trigger, configured, change);
    }

    /// <summary>The plan for <paramref name="change"/> over the given paths only (a dry run's snapshot), or the reason it is ignored.</summary>
    public static (AccessPathPlan? Plan, string? Ignored) For(IReadOnlyList<PathTarget> paths, PolicyChangeEvent change) =>
        CallRow(change) is { } trigger ? Concerning(trigger, paths, change) : (null, WhyIgnored(change));

    // The call's row when the call is one the function judges: a change that succeeded, or a read whose failure is evidence.
    private static AccessEvent? CallRow(PolicyChangeEvent change) =>
        AccessEvents.Of(change) is { } trigger && (trigger.FailureEvidence is null) == (change.ErrorCode is null) ? trigger : null;

    private static string WhyIgnored(PolicyChangeEvent change) => AccessEvents.Of(change) switch
    {
        null => $"the access-path function handles the calls that can cut Spectrum's access path ({AccessEvents.All.Count} of them); this is {change.EventName} from {change.EventSource}",
        { FailureEvidence: null } => $"the {change.EventName} call failed ({change.ErrorCode}): nothing changed",
        _ => $"the {change.EventName} call succeeded: a read that worked changes nothing and shows no failure",
    };

    private static (AccessPathPlan? Plan, string? Ignored) Concerning(AccessEvent trigger, IReadOnlyList<PathTarget> paths, PolicyChangeEvent change)
    {
        var touched = trigger.Touched(change);
        var targets = paths.Where(t => touched is null || t.MayConcern(touched)).ToList();
        return targets.Count == 0
            ? (null, $"{change.EventName} touches no protected access path")
            : (new AccessPathPlan(trigger, targets), null);
    }

    /// <summary>One result for the invocation: the path's own when there is one, else the worst with every path's.</summary>
    public static InvocationResult Combined(IReadOnlyList<InvocationResult> results, string eventId) =>
        results.Count == 1
            ? results[0] with { EventId = eventId }
            : new InvocationResult(results.MaxBy(r => OutcomeText.Severity(r.Outcome))!.Outcome, eventId, $"{results.Count} protected paths judged", "access-path", null, Resources: results);
}
