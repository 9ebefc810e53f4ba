using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>A role's trust policy (<c>AssumeRolePolicyDocument</c>, <c>assume_role_policy</c>).</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="Policy">The proposed trust policy (a role always has one: removed is unknown).</param>
public sealed record RoleTrustChange(ChangeSource Source, string RoleArn, Proposed<PolicyText> Policy) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Trust];

    public override string Subject => RoleArn;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditRole(RoleArn, facts => facts with
    {
        TrustPolicy = overlay.Policy(this, Policy, PolicyKind.Trust, HopKind.Trust, "trust policy"),
    });
}

/// <summary>One inline policy of a role (<c>AWS::IAM::Policy</c>, <c>AWS::IAM::RolePolicy</c>, <c>aws_iam_role_policy</c>); removed: deleted.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="PolicyName">The inline policy's name.</param>
/// <param name="Policy">The proposed document.</param>
public sealed record RoleInlinePolicyChange(ChangeSource Source, string RoleArn, string PolicyName, Proposed<PolicyText> Policy) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Identity];

    public override string Subject => RoleArn;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditInline(this, RoleArn, PolicyName, Policy);
}

/// <summary>
/// The complete set of a role's inline policy names (a role resource's <c>Policies</c> with the template's other
/// policies of that role, <c>aws_iam_role_policies_exclusive</c>): the role's other inline policies are deleted.
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="PolicyNames">The names kept; their documents come from <see cref="RoleInlinePolicyChange"/>s or stay as they are.</param>
public sealed record RoleInlinePolicySetChange(ChangeSource Source, string RoleArn, IReadOnlyList<string> PolicyNames) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Identity];

    public override string Subject => RoleArn;

    internal override int Phase => 0;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.KeepInline(RoleArn, PolicyNames);
}

/// <summary>
/// The complete set of a role's managed policies (<c>ManagedPolicyArns</c>, <c>aws_iam_role.managed_policy_arns</c>,
/// with the template's other attachments to that role): the others are detached.
/// </summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="PolicyArns">The managed policy ARNs attached; unknown when the input does not determine them.</param>
public sealed record RoleManagedPolicySetChange(ChangeSource Source, string RoleArn, Proposed<IReadOnlyList<string>> PolicyArns) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Identity];

    public override string Subject => RoleArn;

    internal override int Phase => 0;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.SetManaged(this, RoleArn, PolicyArns);
}

/// <summary>One managed policy attached to or detached from a role (<c>AWS::IAM::ManagedPolicy.Roles</c>, <c>aws_iam_role_policy_attachment</c>).</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="PolicyArn">The managed policy's ARN.</param>
/// <param name="Attached">Attached, or detached.</param>
public sealed record RoleManagedPolicyAttachmentChange(ChangeSource Source, string RoleArn, string PolicyArn, bool Attached) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Identity];

    public override string Subject => RoleArn;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.Attach(this, RoleArn, PolicyArn, Attached);
}

/// <summary>A managed policy's document (<c>AWS::IAM::ManagedPolicy</c>, <c>aws_iam_policy</c>), wherever it is attached or used as a boundary.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="PolicyArn">The policy's ARN (a placeholder for a policy the input creates).</param>
/// <param name="Policy">The proposed document.</param>
public sealed record ManagedPolicyChange(ChangeSource Source, string PolicyArn, Proposed<PolicyText> Policy) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Identity];

    public override string Subject => PolicyArn;

    // After the attachments and boundaries: it is on the path when a role there has the policy.
    internal override int Phase => 2;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.SetManagedDocument(this, PolicyArn, Policy);
}

/// <summary>A role's permissions boundary (<c>PermissionsBoundary</c>, <c>permissions_boundary</c>): a managed policy ARN; removed: no boundary.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
/// <param name="PolicyArn">The boundary policy's ARN.</param>
public sealed record RoleBoundaryChange(ChangeSource Source, string RoleArn, Proposed<string> PolicyArn) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Identity];

    public override string Subject => RoleArn;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.SetBoundary(this, RoleArn, PolicyArn);
}

/// <summary>The role is deleted: Redshift can no longer assume it.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="RoleArn">The role's ARN.</param>
public sealed record RoleDeletedChange(ChangeSource Source, string RoleArn) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Trust, HopKind.Identity];

    public override string Subject => RoleArn;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.DeleteRole(this, RoleArn);
}
