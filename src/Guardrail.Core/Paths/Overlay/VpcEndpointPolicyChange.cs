using Guardrail.Core.Parsing;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>An S3 VPC endpoint's policy (<c>AWS::EC2::VPCEndpoint.PolicyDocument</c>, <c>aws_vpc_endpoint(_policy)</c>); removed: the default full-access policy.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="EndpointId">The endpoint id (<c>vpce-...</c>).</param>
/// <param name="Policy">The proposed policy.</param>
public sealed record VpcEndpointPolicyChange(ChangeSource Source, string EndpointId, Proposed<PolicyText> Policy) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.VpcEndpoint];

    public override string Subject => EndpointId;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditEndpoint(EndpointId, facts =>
        overlay.GivenPolicy(this, Policy, PolicyKind.Bucket, HopKind.VpcEndpoint, "endpoint policy") is { } policy ? facts with { Policy = policy } : null);
}
