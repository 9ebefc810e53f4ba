using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>What the snapshot says about one VPC endpoint (EC2 <c>DescribeVpcEndpoints</c>).</summary>
/// <param name="ServiceName">The endpoint's service, e.g. <c>com.amazonaws.us-east-1.s3</c>.</param>
/// <param name="Type">Gateway or interface.</param>
/// <param name="Policy">The endpoint policy; a null value is AWS's default, full access.</param>
public sealed record VpcEndpointFacts(string ServiceName, VpcEndpointType Type, Given<PolicyDocument> Policy);

/// <summary>The kinds of VPC endpoint S3 offers.</summary>
public enum VpcEndpointType
{
    Gateway,
    Interface,
}

/// <summary>What the snapshot says about one S3 access point (S3 Control <c>GetAccessPoint</c>, <c>GetAccessPointPolicy</c>).</summary>
/// <param name="Bucket">The bucket it serves.</param>
/// <param name="Account">The account that owns the access point.</param>
/// <param name="NetworkOrigin">Internet or VPC (Spectrum does not support VPC-origin access points).</param>
/// <param name="Policy">The access point policy; a null value is none.</param>
public sealed record AccessPointFacts(string Bucket, string Account, AccessPointNetworkOrigin NetworkOrigin, Given<PolicyDocument> Policy);

/// <summary>Where an access point admits requests from.</summary>
public enum AccessPointNetworkOrigin
{
    Internet,
    Vpc,
}
