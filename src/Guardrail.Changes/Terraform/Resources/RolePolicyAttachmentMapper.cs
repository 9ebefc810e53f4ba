using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_iam_role_policy_attachment</c> (<c>role</c> name, <c>policy_arn</c>): attached when created, detached when
/// deleted; a <c>policy_arn</c> known only after apply is the placeholder of the <c>aws_iam_policy</c> it refers to.
/// </summary>
internal sealed class RolePolicyAttachmentMapper : IResourceMapper
{
    public string Type => "aws_iam_role_policy_attachment";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        (string Role, string Policy)? old = null;
        if (entry.Action is PlanAction.Delete or PlanAction.Replace or PlanAction.Update
            && plan.RoleArn(entry.Before("role")).Value is { } oldRole && entry.Before("policy_arn").NonEmptyString() is { } oldPolicy)
        {
            old = (oldRole, oldPolicy);
        }

        if (!entry.Action.Writes())
        {
            if (old is { } o)
            {
                changes.Add(new RoleManagedPolicyAttachmentChange(entry.Source, o.Role, o.Policy, false));
            }

            return;
        }

        var role = plan.RoleArn(entry.After("role"));
        var policy = PolicyArn(entry, plan);
        if (role.Value is null || policy.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Identity], role.Value is null ? role : policy));
            return;
        }

        if (old is { } moved && moved != (role.Value, policy.Value))
        {
            changes.Add(new RoleManagedPolicyAttachmentChange(entry.Source, moved.Role, moved.Policy, false));
        }

        if (old != (role.Value, policy.Value))
        {
            changes.Add(new RoleManagedPolicyAttachmentChange(entry.Source, role.Value, policy.Value, true));
        }
    }

    private static Resolution PolicyArn(ResourceChangeEntry entry, TerraformPlan plan)
    {
        var arn = entry.After("policy_arn");
        return arn.IsUnknown && plan.Referenced(entry, "aws_iam_policy", "policy_arn") is { } policy
            ? Resolution.Of(plan.ManagedPolicyArn(policy))
            : PlanValues.Identity(arn);
    }
}
