using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// An endpoint's policy: <c>aws_vpc_endpoint</c> (<c>id</c>, <c>policy</c>), <c>aws_vpc_endpoint_policy</c>
/// (<c>vpc_endpoint_id</c>, <c>policy</c>; deleted: the default full-access policy). An endpoint the plan creates
/// is not on the live path: nothing routes through it yet.
/// </summary>
/// <param name="type">The resource type.</param>
/// <param name="identifier">The argument naming the endpoint.</param>
internal sealed class VpcEndpointPolicyMapper(string type, string identifier) : IResourceMapper
{
    public string Type => type;

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (!entry.Action.Writes())
        {
            // Deleting the endpoint itself is not a policy change (its routes go with it).
            if (type == "aws_vpc_endpoint_policy" && entry.Before(identifier).NonEmptyString() is { } old)
            {
                changes.Add(new VpcEndpointPolicyChange(entry.Source, old, new Proposed<PolicyText>.Removed()));
            }

            return;
        }

        var id = entry.After(identifier);
        if (id.IsUnknown && (entry.Action != PlanAction.Update && type == "aws_vpc_endpoint" || plan.Referenced(entry, "aws_vpc_endpoint", identifier) is { Action: PlanAction.Create or PlanAction.Replace }))
        {
            return;
        }

        var endpoint = PlanValues.Identity(id);
        if (endpoint.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.VpcEndpoint], endpoint));
            return;
        }

        if (entry.Action != PlanAction.Update || entry.Changed("policy"))
        {
            changes.Add(new VpcEndpointPolicyChange(entry.Source, endpoint.Value, PlanValues.Policy(entry.After("policy"))));
        }
    }
}
