using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>A snapshot with proposed changes laid on it.</summary>
/// <param name="Snapshot">The path as it would be after the changes.</param>
/// <param name="Applied">The changes that edit the path, in the order they were applied.</param>
/// <param name="OffPath">The changes to resources the path does not use (nothing to judge).</param>
/// <param name="Problems">What the overlay itself found (unknown values, invalid documents, deletions).</param>
public sealed record OverlayResult(PathSnapshot Snapshot, IReadOnlyList<ProposedChange> Applied, IReadOnlyList<ProposedChange> OffPath, IReadOnlyList<OverlayProblem> Problems);
