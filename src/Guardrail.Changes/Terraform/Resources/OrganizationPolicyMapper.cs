using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_organizations_policy</c> (<c>type</c>, <c>content</c>) edited in place: the new text at every target its
/// unchanged attachments in the plan name (a changed attachment says it itself). Created and deleted policies act
/// through their attachments.
/// </summary>
internal sealed class OrganizationPolicyMapper : IResourceMapper
{
    public string Type => "aws_organizations_policy";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (entry.Action != PlanAction.Update || !entry.Changed("content") || OrganizationPolicies.TypeOf(entry) is not { } type)
        {
            return;
        }

        var targets = plan.UnchangedAttachments(entry);
        changes.Add(new OrganizationPolicyChange(entry.Source, type, PlanValues.Policy(entry.After("content")), targets, true));
    }
}
