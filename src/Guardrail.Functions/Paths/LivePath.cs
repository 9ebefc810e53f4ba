using Guardrail.Aws.Accounts;
using Guardrail.Aws.Collect;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Functions.Paths;

/// <summary>
/// Reads a path's whole live state as its envelope (the snapshot with what the configuration adds, and the facts):
/// a collection that missed a section because a read failed is not judged on what remains (<see cref="PathReadException"/>);
/// a role IAM says does not exist is not such a failure (<see cref="DeletedRoles"/>).
/// </summary>
public static class LivePath
{
    public static async Task<string> ReadAsync(PathTarget target, IAccountReaders readers, ReadCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var collection = await new SnapshotCollector(readers).CollectAsync(target.Request, cache, cancellationToken).ConfigureAwait(false);
        var deleted = DeletedRoles.In(target, collection.Failures);
        if (collection.Failures.Where(f => !DeletedRoles.Explains(deleted, f)).Select(f => f.Line).ToList() is { Count: > 0 } failures)
        {
            throw new PathReadException(failures);
        }

        return new PathEnvelope(target.Completed(DeletedRoles.Mark(collection.Snapshot, deleted)), PathFactsJson.ToJson(collection.Facts)).ToText();
    }

    /// <summary>The snapshot an envelope holds.</summary>
    public static PathSnapshot Snapshot(string? envelope) =>
        SnapshotReader.Read(PathEnvelope.Parse(envelope ?? throw new InvalidDataException("a path always has a state")).Snapshot.ToJsonString());
}
