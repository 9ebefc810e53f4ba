using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// The one operation that lays proposed documents (from a template, a plan or a hook request) on a snapshot of the
/// live path. Whole-set changes go first, then edits of one member, then keys (a new key is on the path only if a
/// bucket's proposed encryption names it); the input's order is kept within each.
/// </summary>
public static class SnapshotOverlay
{
    /// <summary>Most changes one overlay takes: a template has at most 500 resources, a plan rarely more; each change is small.</summary>
    public const int MaxChanges = 20_000;

    public static OverlayResult Apply(PathSnapshot snapshot, IReadOnlyList<ProposedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count > MaxChanges)
        {
            throw new ArgumentException($"at most {MaxChanges:N0} proposed changes are judged at once; this input has {changes.Count:N0}", nameof(changes));
        }

        var overlay = new OverlayBuilder(snapshot);
        var applied = new List<ProposedChange>();
        var offPath = new List<ProposedChange>();
        foreach (var change in changes.Select((c, i) => (c, i)).OrderBy(x => x.c.Phase).ThenBy(x => x.i).Select(x => x.c))
        {
            (change.ApplyTo(overlay) ? applied : offPath).Add(change);
        }

        return new OverlayResult(overlay.Finish(), applied, offPath, overlay.Problems);
    }
}
