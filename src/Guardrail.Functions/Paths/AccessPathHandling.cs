using Guardrail.Aws.Collect;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The access-path function's one step: read the event, find the protected paths it may concern, and judge each
/// with the same processor as the policy functions (claim, known-good, outbox, rollback with lease and verification),
/// one claim per event and path. An event about none of them is ignored with the reason.
/// </summary>
internal static class AccessPathHandling
{
    public const string Function = "access-path";

    public static async Task<Stream> HandleAsync(FunctionHost host, Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = host.StartDeadline();
        var change = await EventIntake.ReadAsync(input, host.Services.Log, deadline.Work).ConfigureAwait(false);
        using var invocation = host.Services.Log.StartInvocation(change.EventId);
        var result = await ProcessAsync(host, change, deadline).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }

    public static async Task<InvocationResult> ProcessAsync(FunctionHost host, PolicyChangeEvent change, InvocationDeadline deadline)
    {
        var log = host.Services.Log;
        if (AccessEvents.Of(change) is not { } trigger)
        {
            var wrong = $"the access-path function handles the calls that can cut Spectrum's access path ({AccessEvents.All.Count} of them); this is {change.EventName} from {change.EventSource}";
            log.Info("ignored", ("reason", wrong));
            return new InvocationResult(Outcome.Ignored, change.EventId, wrong);
        }

        if (change.ErrorCode is not null)
        {
            var failed = $"the {change.EventName} call failed ({change.ErrorCode}): nothing changed";
            log.Info("ignored", ("reason", failed));
            return new InvocationResult(Outcome.Ignored, change.EventId, failed);
        }

        var targets = TargetsOf(host.Config, host.Services.Region, trigger, change);
        if (targets.Count == 0)
        {
            var none = $"{change.EventName} touches no protected access path";
            log.Info("ignored", ("reason", none));
            return new InvocationResult(Outcome.Ignored, change.EventId, none);
        }

        if (host.Services.PathReaders is not { } makeReaders)
        {
            throw new InvalidOperationException("the access-path function needs the path readers");
        }

        using var readers = makeReaders();
        var processor = new PolicyChangeProcessor(host.Config, host.Services);
        var results = new List<InvocationResult>();
        var firstReads = new ReadCache();
        foreach (var target in targets)
        {
            // One claim per event and path: a retry after a failure on the second path does not judge the first again.
            var perPath = change with { EventId = $"{change.EventId}:{target.Key}" };
            var kind = new AccessPathKind(target, trigger, host.Services.Time);
            var store = new AccessPathStore(target, readers.Readers, trigger, perPath, readers.Writers is { } writers ? new PathRestorer(writers, target.Chain) : null, firstReads);
            var result = await processor.ProcessAsync(perPath, new GuardedResource(kind, store), deadline).ConfigureAwait(false);
            results.Add(result);
            if (result.Outcome is Outcome.RolledBack or Outcome.RollbackFailed)
            {
                // A restore wrote to AWS: what the other paths read before it is stale, so they read afresh.
                firstReads = new ReadCache();
            }
        }

        if (results.Count == 1)
        {
            return results[0] with { EventId = change.EventId };
        }

        var worst = results.MaxBy(r => OutcomeText.Severity(r.Outcome))!;
        return new InvocationResult(worst.Outcome, change.EventId, $"{results.Count} protected paths judged", "access-path", null, Resources: results);
    }

    /// <summary>The protected paths a <paramref name="trigger"/> event may concern, in configuration order.</summary>
    internal static IReadOnlyList<PathTarget> TargetsOf(GuardrailConfig config, string region, AccessEvent trigger, PolicyChangeEvent change)
    {
        // An event whose parameters were left out may concern any path: judge them all rather than none.
        var touched = trigger.Touched(change);
        return [.. PathTarget.From(config, region).Where(t => touched is null || t.MayConcern(touched))];
    }
}
