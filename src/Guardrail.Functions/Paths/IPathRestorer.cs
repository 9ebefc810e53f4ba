using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>Undoes one change on a path where the inverse is exact, from the path's known-good state.</summary>
public interface IPathRestorer
{
    /// <summary>
    /// Writes back what <paramref name="change"/> (a <paramref name="trigger"/> call) changed, as <paramref name="knownGood"/>
    /// had it. Only that hop is written; everything else on the path is left as it is.
    /// </summary>
    Task RestoreAsync(AccessEvent trigger, PolicyChangeEvent change, PathEnvelope knownGood, CancellationToken cancellationToken);
}
