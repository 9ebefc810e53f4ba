using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// The roles attached to a cluster or Serverless namespace (<c>IamRoles</c>, <c>iam_roles</c>); matched to the
/// snapshot's cluster by its identifier (<c>spectrum.cluster.identifier</c>).
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Identifier">The cluster identifier or namespace name.</param>
/// <param name="Kind">Provisioned cluster or Serverless namespace.</param>
/// <param name="IamRoles">The role ARNs attached.</param>
public sealed record ClusterRolesChange(ChangeSource Source, string Identifier, ClusterKind Kind, Proposed<IReadOnlyList<string>> IamRoles) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Association];

    public override string Subject => Identifier;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.SetClusterRoles(this);
}
