using Guardrail.Aws.Accounts;
using Guardrail.Aws.Collect;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// A path's live state: read by collecting the whole path (each read fresh: a rollback's verification must see what
/// AWS has now), written by restoring the one hop the triggering event changed. A collection that missed a section
/// because a read failed is not judged on what remains: the read fails, and the processor reports could-not-judge.
/// A role IAM says does not exist is not such a failure (<see cref="DeletedRoles"/>).
/// </summary>
public sealed class AccessPathStore(PathTarget target, IAccountReaders readers, AccessEvent trigger, PolicyChangeEvent? change, IPathRestorer? restorer) : IPolicyStore
{
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var collection = await new SnapshotCollector(readers).CollectAsync(target.Request, cancellationToken).ConfigureAwait(false);
        var deleted = DeletedRoles.In(target, collection.Failures);
        if (collection.Failures.Where(f => !DeletedRoles.Explains(deleted, f)).Select(f => f.Line).ToList() is { Count: > 0 } failures)
        {
            throw new PathReadException(failures);
        }

        return new PathEnvelope(target.Completed(DeletedRoles.Mark(collection.Snapshot, deleted)), PathFactsJson.ToJson(collection.Facts)).ToText();
    }

    public Task WriteAsync(string? policyText, CancellationToken cancellationToken) =>
        restorer is null || change is null
            ? throw new InvalidOperationException($"no restorer is configured for {trigger.EventName}")
            : restorer.RestoreAsync(trigger, change, PathEnvelope.Parse(policyText ?? throw new InvalidOperationException("a path always has a state")), cancellationToken);
}
