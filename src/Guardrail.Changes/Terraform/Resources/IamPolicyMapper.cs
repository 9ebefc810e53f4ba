using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_iam_policy</c> (<c>arn</c>, <c>policy</c>): a managed policy's document wherever it is attached; a created
/// policy's ARN is a placeholder from its path and name (the same one its attachments in the plan are given).
/// </summary>
internal sealed class IamPolicyMapper : IResourceMapper
{
    public string Type => "aws_iam_policy";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (!entry.Action.Writes())
        {
            changes.Add(new ManagedPolicyChange(entry.Source, plan.ManagedPolicyArn(entry), new Proposed<PolicyText>.Removed()));
            return;
        }

        if (entry.Action != PlanAction.Update || entry.Changed("policy"))
        {
            changes.Add(new ManagedPolicyChange(entry.Source, plan.ManagedPolicyArn(entry), PlanValues.Policy(entry.After("policy"))));
        }
    }
}
