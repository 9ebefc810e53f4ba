using Guardrail.Core.Paths.Judging;

namespace Guardrail.Core.Paths.Hops;

/// <summary>One hop of the access path: judges its part of the snapshot. New hops are added as another of these.</summary>
internal interface IHop
{
    /// <summary>Which hop it is.</summary>
    HopKind Kind { get; }

    /// <summary>Judges the hop on <paramref name="path"/>.</summary>
    HopResult Judge(PathJudging path);
}
