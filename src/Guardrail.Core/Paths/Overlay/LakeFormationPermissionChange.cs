using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// Lake Formation permissions granted or revoked (<c>AWS::LakeFormation::Permissions</c>,
/// <c>PrincipalPermissions</c>, <c>aws_lakeformation_permissions</c>) in one account's catalog.
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Account">The catalog's account.</param>
/// <param name="Permission">The principal, resource and permissions.</param>
/// <param name="Granted">Granted, or revoked (the resource or the plan deletes it).</param>
public sealed record LakeFormationPermissionChange(ChangeSource Source, string Account, Proposed<LfPermission> Permission, bool Granted) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.LakeFormation];

    public override string Subject => Permission is Proposed<LfPermission>.Set set ? set.Value.Principal : Account;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditLakeFormation(this);
}
