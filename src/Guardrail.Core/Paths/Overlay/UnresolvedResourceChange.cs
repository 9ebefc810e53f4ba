namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// A resource that may be on the path but whose identity the input does not determine (a bucket policy whose
/// <c>Bucket</c> is an <c>Fn::ImportValue</c>, a role whose name is known only after apply): its hops are at risk.
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Affects">The hops it would edit.</param>
/// <param name="Property">The property that is unknown.</param>
/// <param name="Reason">Why.</param>
public sealed record UnresolvedResourceChange(ChangeSource Source, IReadOnlyList<HopKind> Affects, string Property, string Reason) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => Affects;

    public override string Subject => Source.Resource;

    internal override bool ApplyTo(OverlayBuilder overlay)
    {
        foreach (var hop in Affects)
        {
            overlay.Unresolved<string>(this, new Proposed<string>.Unknown(Property, Reason), hop);
        }

        return true;
    }
}
