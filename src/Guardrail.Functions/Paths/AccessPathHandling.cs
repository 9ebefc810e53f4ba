using System.Runtime.ExceptionServices;
using Guardrail.Aws.Collect;
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
        await host.RefreshConfigAsync(deadline).ConfigureAwait(false);
        var change = await EventIntake.ReadAsync(input, host.Services.Log, deadline.Work).ConfigureAwait(false);
        using var invocation = host.Services.Log.StartInvocation(change.EventId);
        var result = await ProcessAsync(host, change, deadline).ConfigureAwait(false);
        return ResultJson.ToStream(result);
    }

    public static async Task<InvocationResult> ProcessAsync(FunctionHost host, PolicyChangeEvent change, InvocationDeadline deadline)
    {
        var log = host.Services.Log;
        var (plan, ignored) = AccessPathPlan.For(host.Config, host.Services.Region, change);
        if (plan is null)
        {
            log.Info("ignored", ("reason", ignored));
            return new InvocationResult(Outcome.Ignored, change.EventId, ignored);
        }

        if (host.Services.PathReaders is not { } makeReaders)
        {
            throw new InvalidOperationException("the access-path function needs the path readers");
        }

        var targets = await ConcernedAsync(host, plan, change, deadline).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            var why = $"{change.EventName} touches no document of a protected access path (by each path's last collected state)";
            log.Info("ignored", ("reason", why));
            return new InvocationResult(Outcome.Ignored, change.EventId, why);
        }

        using var readers = makeReaders(host.Config.MemberRoleName);
        var processor = new PolicyChangeProcessor(host.Config, host.Services);
        var results = new List<InvocationResult>();
        var failures = new List<ExceptionDispatchInfo>();
        var firstReads = new ReadCache();
        foreach (var target in targets)
        {
            // One claim per event and path: a retry after a failure on the second path does not judge the first again.
            var perPath = change with { EventId = $"{change.EventId}:{target.Key}" };
            var kind = new AccessPathKind(target, plan.Trigger, host.Services.Time);
            var store = new AccessPathStore(target, readers.Readers, plan.Trigger, perPath, readers.Writers is { } writers ? new PathRestorer(writers, target.Chain, readers.Readers) : null, firstReads);
            try
            {
                var result = await processor.ProcessAsync(perPath, new GuardedResource(kind, store), deadline).ConfigureAwait(false);
                results.Add(result);
                if (result.Outcome is Outcome.RolledBack)
                {
                    // A restore wrote to AWS: what the other paths read before it is stale, so they read afresh.
                    firstReads = new ReadCache();
                }
            }
            catch (Exception e) when (!deadline.WorkExpired)
            {
                // The processor has alerted and given this path's claim back. One path AWS will not let the guardrail
                // read (or restore) must not leave the event's other paths unjudged: they are judged, then the
                // invocation fails so that Lambda's retry takes this path again.
                failures.Add(ExceptionDispatchInfo.Capture(e));
                firstReads = new ReadCache();
            }
        }

        switch (failures.Count)
        {
            case 0:
                return AccessPathPlan.Combined(results, change.EventId);
            case 1:
                failures[0].Throw();
                break;
        }

        throw new FunctionFailedException($"{failures.Count} of {targets.Count} protected paths could not be judged or restored: {string.Join("; ", failures.Select(f => f.SourceException.Message))}", failures[0].SourceException);
    }

    /// <summary>
    /// The plan's paths that the event can concern: for a managed policy, key or organization event, those whose last
    /// collected state (their MAC-verified known-good record) holds the document; the others are not read at all.
    /// </summary>
    private static async Task<IReadOnlyList<PathTarget>> ConcernedAsync(FunctionHost host, AccessPathPlan plan, PolicyChangeEvent change, InvocationDeadline deadline)
    {
        var touch = plan.Trigger.Touched(change);
        if (touch is not (PathTouch.ManagedPolicy or PathTouch.Key or PathTouch.Organization or PathTouch.LakeFormation or PathTouch.VpcEndpoint or PathTouch.AccessPoint))
        {
            return plan.Targets;
        }

        var concerned = new List<PathTarget>();
        foreach (var target in plan.Targets)
        {
            PathEnvelope? last;
            try
            {
                last = (await host.Services.State.KnownGood.GetKnownGoodAsync(target.Key, deadline.Work).ConfigureAwait(false)).Value?.PolicyText is { } text ? PathEnvelope.Parse(text) : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not known what the path holds: it is judged (the processor reports what it cannot read).
                host.Services.Log.Warn("the path's last state could not be read; judging it", ("path", target.Key), ("error", e.GetType().Name), ("message", e.Message));
                last = null;
            }

            if (PathRelevance.MayConcern(touch, last))
            {
                concerned.Add(target);
            }
        }

        return concerned;
    }
}
