using Guardrail.Core.Findings;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// What laying a change on the snapshot itself found: a value the input does not determine
/// (<c>unresolved-value</c>, at risk), a document that is not a valid policy (<c>invalid-document</c>, at risk: the
/// deployment would fail), a resource on the path that is deleted (<c>resource-deleted</c>, breaks).
/// </summary>
/// <param name="Source">The change.</param>
/// <param name="Finding">The finding, on its hop and document.</param>
/// <param name="Access">What it does to Spectrum's access.</param>
public sealed record OverlayProblem(ChangeSource Source, PathFinding Finding, AccessVerdict Access);
