using Guardrail.Aws.Accounts;
using Guardrail.Aws.Collect;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// A path's live state: read by collecting the whole path (each read fresh: a rollback's verification must see what
/// AWS has now), written by restoring the one hop the triggering event changed. A collection that missed a section
/// because a read failed is not judged on what remains: the read fails, and the processor reports could-not-judge
/// (a role IAM says does not exist is not such a failure: <see cref="DeletedRoles"/>). After a restore, the state
/// read back is judged on the restored hop (<see cref="RestoredHop"/>).
/// </summary>
/// <remarks>
/// The first read may share <paramref name="firstRead"/> with the other paths of the same event, so a document they
/// share is read once per invocation; every later read (the rollback's re-reads and verification) is fresh.
/// </remarks>
public sealed class AccessPathStore(PathTarget target, IAccountReaders readers, AccessEvent trigger, PolicyChangeEvent? change, IPathRestorer? restorer, ReadCache? firstRead = null) : IPolicyStore
{
    private ReadCache? shared = firstRead;

    // The known-good state this store restored a hop to, once it has.
    private (PathEnvelope State, string Text)? restored;

    // The state last read, which a restore starts from.
    private PathEnvelope? live;

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var cache = shared;
        shared = null;
        var text = await ReadLiveAsync(cache, cancellationToken).ConfigureAwait(false);
        live = PathEnvelope.Parse(text);

        // A restore writes one hop, so its read-back is judged on that hop: when it is as in the known-good state, the
        // state read back is the known-good one, whatever else on the path changed meanwhile without cutting it.
        return restored is { } knownGood && change is not null
            && RestoredHop.IsRestored(trigger, change, target.Chain, knownGood.State, live)
            ? knownGood.Text
            : text;
    }

    public async Task WriteAsync(string? policyText, CancellationToken cancellationToken)
    {
        if (restorer is null || change is null)
        {
            throw new InvalidOperationException($"no restorer is configured for {trigger.EventName}");
        }

        var knownGood = PathEnvelope.Parse(policyText ?? throw new InvalidOperationException("a path always has a state"));
        await restorer.RestoreAsync(trigger, change, knownGood, live, cancellationToken).ConfigureAwait(false);
        restored = (knownGood, policyText);
    }

    private Task<string> ReadLiveAsync(ReadCache? cache, CancellationToken cancellationToken) => LivePath.ReadAsync(target, readers, cache, cancellationToken);
}
