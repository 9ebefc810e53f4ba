using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_organizations_policy_attachment</c> (<c>policy_id</c>, <c>target_id</c>): the joined SCP or RCP placed at
/// its target (<c>Existing</c> when the plan updates the policy); deleted: the policy leaves the target.
/// </summary>
internal sealed class OrganizationPolicyAttachmentMapper : IResourceMapper
{
    public string Type => "aws_organizations_policy_attachment";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (entry.Action is PlanAction.Delete or PlanAction.Replace or PlanAction.Update
            && entry.Before("target_id").NonEmptyString() is { } oldTarget
            && OrganizationPolicies.PolicyOf(entry, plan, before: true) is { } oldPolicy
            && OrganizationPolicies.TypeOf(oldPolicy) is { } oldType)
        {
            changes.Add(new OrganizationPolicyChange(entry.Source, oldType, new Proposed<PolicyText>.Removed(), [oldTarget], true));
        }

        if (!entry.Action.Writes())
        {
            return;
        }

        var target = PlanValues.Identity(entry.After("target_id"));
        var policy = OrganizationPolicies.PolicyOf(entry, plan, before: false);
        if (policy is null)
        {
            // A policy outside the plan (or whose id is unknown): an SCP or RCP may be attached, or something else.
            var id = entry.After("policy_id");
            if (id.IsUnknown)
            {
                changes.Add(PlanValues.Unresolved(entry, [HopKind.Identity, HopKind.Bucket, HopKind.Key], Resolution.Unknown(id.Path, PlanValues.AfterApply)));
            }

            return;
        }

        if (OrganizationPolicies.TypeOf(policy) is not { } type)
        {
            return;
        }

        if (target.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, type == OrganizationPolicyType.ServiceControl ? [HopKind.Identity] : [HopKind.Bucket, HopKind.Key], target));
            return;
        }

        var content = policy.Action == PlanAction.Delete ? new Proposed<PolicyText>.Removed() : PlanValues.Policy(policy.After("content"));
        changes.Add(new OrganizationPolicyChange(entry.Source, type, content, [target.Value], policy.Action == PlanAction.Update));
    }
}
