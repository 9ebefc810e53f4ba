namespace Guardrail.Core.Paths.Overlay;

/// <summary>Which organization policy.</summary>
public enum OrganizationPolicyType
{
    /// <summary>A service control policy: caps the Spectrum role's account.</summary>
    ServiceControl,

    /// <summary>A resource control policy: caps the bucket's and key's accounts.</summary>
    ResourceControl,
}

/// <summary>
/// An SCP or RCP and where it is attached (<c>AWS::Organizations::Policy</c>, <c>aws_organizations_policy</c> and
/// <c>_attachment</c>). The snapshot knows each account's levels (root first, account last) but not the policies'
/// ids or the OU tree, so: a policy attached to an account on the path joins that account's level, one attached to
/// the root joins every account's first level, and anything the snapshot cannot place (an OU, an edit or removal
/// of an existing policy that allows) is unresolved, never guessed. A deny-only edit of an existing policy is placed
/// at its target's level beside the old text (denies apply at any level, and the old text's are kept).
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="Type">SCP or RCP.</param>
/// <param name="Policy">The proposed document; removed: the policy is deleted or detached.</param>
/// <param name="TargetIds">The root (<c>r-</c>), OU (<c>ou-</c>) or account ids it is attached to.</param>
/// <param name="Existing">Whether it edits a policy that exists already (its old text is then still in the snapshot).</param>
public sealed record OrganizationPolicyChange(ChangeSource Source, OrganizationPolicyType Type, Proposed<PolicyText> Policy, IReadOnlyList<string> TargetIds, bool Existing) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => Type == OrganizationPolicyType.ServiceControl ? [HopKind.Identity] : [HopKind.Bucket, HopKind.Key];

    public override string Subject => string.Join(", ", TargetIds);

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.AttachOrganizationPolicy(this);
}
