using Guardrail.Aws.Accounts;
using Guardrail.Aws.Collect;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// A path's live state: read by collecting the whole path (each read fresh: a rollback's verification must see what
/// AWS has now), written by restoring the one hop the triggering event changed. A collection that missed a section
/// because a read failed is not judged on what remains: the read fails, and the processor reports could-not-judge.
/// </summary>
/// <remarks>
/// The first read may share <paramref name="firstRead"/> with the other paths of the same event, so a document they
/// share is read once per invocation; every later read (the rollback's re-reads and verification) is fresh.
/// </remarks>
public sealed class AccessPathStore(PathTarget target, IAccountReaders readers, AccessEvent trigger, PolicyChangeEvent? change, IPathRestorer? restorer, ReadCache? firstRead = null) : IPolicyStore
{
    private ReadCache? shared = firstRead;

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var cache = shared;
        shared = null;
        var collection = await new SnapshotCollector(readers).CollectAsync(target.Request, cache, cancellationToken).ConfigureAwait(false);
        if (!collection.IsComplete)
        {
            throw new PathReadException([.. collection.Failures.Select(f => f.Line)]);
        }

        return new PathEnvelope(target.Completed(collection.Snapshot), PathFactsJson.ToJson(collection.Facts)).ToText();
    }

    public Task WriteAsync(string? policyText, CancellationToken cancellationToken) =>
        restorer is null || change is null
            ? throw new InvalidOperationException($"no restorer is configured for {trigger.EventName}")
            : restorer.RestoreAsync(trigger, change, PathEnvelope.Parse(policyText ?? throw new InvalidOperationException("a path always has a state")), cancellationToken);
}
