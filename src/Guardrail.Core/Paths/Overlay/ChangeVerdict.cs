using Guardrail.Core.Findings;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>What a change does to one hop.</summary>
/// <param name="Hop">The hop.</param>
/// <param name="Before">Its status on the live path.</param>
/// <param name="After">Its status with the change (at least at risk when a value it needs is unknown).</param>
public sealed record HopChange(HopKind Hop, HopStatus Before, HopStatus After)
{
    /// <summary>Whether the change makes the hop worse: ok or unchecked before, at risk or broken after; at risk before, broken after.</summary>
    public bool Worsened => Rank(After) > Rank(Before);

    private static int Rank(HopStatus status) => status switch
    {
        HopStatus.Breaks => 2,
        HopStatus.AtRisk => 1,
        _ => 0,
    };
}

/// <summary>A finding with where the input proposes what causes it.</summary>
/// <param name="Finding">The finding, on its hop and document.</param>
/// <param name="Introduced">Whether the change brings it (the live path does not have it).</param>
/// <param name="Sources">The changes it is located at (none when no change edits its hop).</param>
/// <param name="StatementLine">The line of the statement it names in the first source's policy, when the input gave lines.</param>
public sealed record LocatedFinding(PathFinding Finding, bool Introduced, IReadOnlyList<ChangeSource> Sources, int? StatementLine);

/// <summary>The judgement of a proposed change: the path after it, hop by hop against the live path, and its findings located in the input.</summary>
/// <param name="Access">The path after the change: the worst hop, at least at risk when a value it needs is unknown.</param>
/// <param name="Security">The path after the change.</param>
/// <param name="Hops">Every hop, before and after.</param>
/// <param name="Findings">The overlay's own findings, then the path's after the change.</param>
/// <param name="Overlay">The overlaid snapshot and which changes touched the path.</param>
/// <param name="Before">The live path's verdict.</param>
/// <param name="After">The path's verdict with the change.</param>
public sealed record ChangeVerdict(
    AccessVerdict Access,
    SecurityVerdict Security,
    IReadOnlyList<HopChange> Hops,
    IReadOnlyList<LocatedFinding> Findings,
    OverlayResult Overlay,
    PathVerdict Before,
    PathVerdict After);
