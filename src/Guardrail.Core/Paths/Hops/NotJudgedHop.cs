using Guardrail.Core.Paths.Judging;

namespace Guardrail.Core.Paths.Hops;

/// <summary>A hop the guardrail does not judge yet: always listed as unchecked, with why, so the gap is visible.</summary>
internal sealed class NotJudgedHop(HopKind kind, string what) : IHop
{
    public HopKind Kind => kind;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(kind);
        hop.Unchecked(kind.ToText(), what);
        return hop.Build(path);
    }
}
