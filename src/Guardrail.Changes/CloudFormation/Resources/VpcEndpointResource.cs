using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::EC2::VPCEndpoint</c>: its <c>PolicyDocument</c>, under the endpoint id the context's physical ids give.
/// A new endpoint (no physical id) is not yet on any cluster's route: it proposes nothing.
/// </summary>
internal sealed class VpcEndpointResource : ICloudFormationResource
{
    public string Type => "AWS::EC2::VPCEndpoint";

    public IReadOnlyList<HopKind> Touches => [HopKind.VpcEndpoint];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        if (!resource.Context.PhysicalIds.TryGetValue(resource.LogicalId, out var id))
        {
            yield break;
        }

        yield return new VpcEndpointPolicyChange(resource.Source, id, resource.Policy("PolicyDocument"));
    }
}
