using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_iam_role_policies_exclusive</c> (<c>role_name</c>, <c>policy_names</c>): the role's complete set of inline
/// policies, the others deleted. Deleting the resource only stops managing the set: nothing changes on the role.
/// </summary>
internal sealed class RolePoliciesExclusiveMapper : IResourceMapper
{
    public string Type => "aws_iam_role_policies_exclusive";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (!entry.Action.Writes())
        {
            return;
        }

        var role = plan.RoleArn(entry.After("role_name"));
        var names = entry.After("policy_names");
        if (role.Value is null || names.IsUnknown)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Identity], role.Value is null ? role : Resolution.Unknown(names.Path, PlanValues.AfterApply)));
            return;
        }

        changes.Add(new RoleInlinePolicySetChange(entry.Source, role.Value, names.Strings()));
    }
}
