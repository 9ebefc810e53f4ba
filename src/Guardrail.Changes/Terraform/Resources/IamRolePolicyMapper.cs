using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary><c>aws_iam_role_policy</c> (<c>role</c> name, <c>name</c>, <c>policy</c>): one inline policy; deleted: removed from the role.</summary>
internal sealed class IamRolePolicyMapper : IResourceMapper
{
    public string Type => "aws_iam_role_policy";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        (string Role, string Name)? old = null;
        if (entry.Action is PlanAction.Delete or PlanAction.Replace
            && plan.RoleArn(entry.Before("role")).Value is { } oldRole && entry.Before("name").NonEmptyString() is { } oldName)
        {
            old = (oldRole, oldName);
        }

        if (!entry.Action.Writes())
        {
            if (old is { } o)
            {
                changes.Add(new RoleInlinePolicyChange(entry.Source, o.Role, o.Name, new Proposed<PolicyText>.Removed()));
            }

            return;
        }

        var role = plan.RoleArn(entry.After("role"));
        var name = PlanValues.Identity(entry.After("name"));
        if (role.Value is null || name.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Identity], role.Value is null ? role : name));
            return;
        }

        if (old is { } moved && moved != (role.Value, name.Value))
        {
            changes.Add(new RoleInlinePolicyChange(entry.Source, moved.Role, moved.Name, new Proposed<PolicyText>.Removed()));
        }

        if (entry.Action != PlanAction.Update || entry.Changed("policy") || entry.Changed("name") || entry.Changed("role"))
        {
            changes.Add(new RoleInlinePolicyChange(entry.Source, role.Value, name.Value, PlanValues.Policy(entry.After("policy"))));
        }
    }
}
