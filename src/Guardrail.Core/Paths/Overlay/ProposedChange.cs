namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// One document (or value) on Spectrum's path that an input proposes to change: a template's resource, a plan's
/// resource change, a hook's request. Readers of each input format make these; <see cref="SnapshotOverlay"/> lays
/// them on a snapshot, the same way for every format.
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
public abstract record ProposedChange(ChangeSource Source)
{
    /// <summary>The hops whose documents this change edits: a finding there may be this change's doing.</summary>
    public abstract IReadOnlyList<HopKind> Hops { get; }

    /// <summary>The resource it edits, as findings name it: a bucket name, a role ARN, a key ARN, an endpoint id.</summary>
    public abstract string Subject { get; }

    /// <summary>Changes that replace a whole set (a role's inline policy names) go before those that edit one member.</summary>
    internal virtual int Phase => 1;

    /// <summary>Edits <paramref name="overlay"/>; returns false when the resource is not on the path (nothing to judge).</summary>
    internal abstract bool ApplyTo(OverlayBuilder overlay);
}
