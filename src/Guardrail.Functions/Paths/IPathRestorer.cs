using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>Undoes one change on a path where the inverse is exact, from the path's known-good state.</summary>
public interface IPathRestorer
{
    /// <summary>
    /// Writes back what <paramref name="change"/> (a <paramref name="trigger"/> call) changed, as <paramref name="knownGood"/>
    /// had it. Only that hop is written; everything else on the path is left as it is. <paramref name="live"/> is the
    /// state read just before (null when none was): the write starts from what is there, so an attempt killed halfway
    /// can be finished by the retry.
    /// </summary>
    Task RestoreAsync(AccessEvent trigger, PolicyChangeEvent change, PathEnvelope knownGood, PathEnvelope? live, CancellationToken cancellationToken);
}
