using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>What <c>aws_organizations_policy</c> and <c>_attachment</c> entries share: the policy's type and the join of an attachment to its policy.</summary>
internal static class OrganizationPolicies
{
    /// <summary>SCP or RCP; null for the policy types not on the path (tag, backup, AI opt-out policies).</summary>
    public static OrganizationPolicyType? TypeOf(ResourceChangeEntry policy)
    {
        var type = policy.Action == PlanAction.Delete ? policy.Before("type") : policy.After("type");
        return type.IsKnown ? type.String() switch
        {
            "SERVICE_CONTROL_POLICY" => OrganizationPolicyType.ServiceControl,
            "RESOURCE_CONTROL_POLICY" => OrganizationPolicyType.ResourceControl,
            _ => null,
        } : null;
    }

    /// <summary>The <c>aws_organizations_policy</c> an attachment attaches: by <c>policy_id</c> and the policy's <c>id</c>, or by the configuration's reference when the id is known only after apply.</summary>
    public static ResourceChangeEntry? PolicyOf(ResourceChangeEntry attachment, TerraformPlan plan, bool before)
    {
        var id = before ? attachment.Before("policy_id") : attachment.After("policy_id");
        if (id.IsKnown && id.NonEmptyString() is { } policyId)
        {
            return plan.OrganizationPolicy(policyId);
        }

        return id.IsUnknown ? plan.Referenced(attachment, "aws_organizations_policy", "policy_id") : null;
    }
}
