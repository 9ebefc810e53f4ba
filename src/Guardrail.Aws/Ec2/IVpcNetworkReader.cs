namespace Guardrail.Aws.Ec2;

/// <summary>
/// The EC2 reads that say how a VPC's S3 traffic leaves it: its VPC endpoints, the route tables of its subnets and
/// the subnets' VPC. Listings follow every page up to <see cref="Calls.ReadLimits.MaxPages"/>. Failures throw
/// <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IVpcNetworkReader
{
    /// <summary><c>DescribeVpcEndpoints</c> of the given endpoint ids, or (with none) of <paramref name="vpcId"/>'s endpoints.</summary>
    Task<IReadOnlyList<VpcEndpointDescription>> DescribeVpcEndpointsAsync(IReadOnlyList<string> endpointIds, string? vpcId, CancellationToken cancellationToken);

    /// <summary><c>DescribeRouteTables</c> filtered by <c>association.subnet-id</c>: the tables explicitly associated with the subnets.</summary>
    Task<IReadOnlyList<RouteTableDescription>> DescribeRouteTablesForSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken cancellationToken);

    /// <summary><c>DescribeRouteTables</c> filtered by <c>vpc-id</c> and <c>association.main</c>: the VPC's main route table (the one of every subnet without its own).</summary>
    Task<RouteTableDescription?> DescribeMainRouteTableAsync(string vpcId, CancellationToken cancellationToken);

    /// <summary><c>DescribeSubnets</c> of the given ids.</summary>
    Task<IReadOnlyList<SubnetDescription>> DescribeSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken cancellationToken);
}

/// <summary>What <c>DescribeVpcEndpoints</c> says about one endpoint.</summary>
/// <param name="Id">The endpoint id (<c>vpce-...</c>).</param>
/// <param name="VpcId">The VPC it is in.</param>
/// <param name="ServiceName">Its service, e.g. <c>com.amazonaws.us-east-1.s3</c>.</param>
/// <param name="Type"><c>Gateway</c>, <c>Interface</c> or <c>GatewayLoadBalancer</c>, as EC2 spells it.</param>
/// <param name="State">EC2's state, e.g. <c>available</c>.</param>
/// <param name="PolicyDocument">The endpoint policy; null when EC2 reports none (interface endpoints of services without policies).</param>
/// <param name="RouteTableIds">The route tables a gateway endpoint is in.</param>
/// <param name="SubnetIds">The subnets an interface endpoint has a network interface in.</param>
public sealed record VpcEndpointDescription(
    string Id,
    string VpcId,
    string ServiceName,
    string Type,
    string State,
    string? PolicyDocument,
    IReadOnlyList<string> RouteTableIds,
    IReadOnlyList<string> SubnetIds);

/// <summary>What <c>DescribeRouteTables</c> says about one route table.</summary>
/// <param name="Id">The route table id.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="IsMain">Whether it is the VPC's main route table.</param>
/// <param name="SubnetIds">The subnets explicitly associated with it.</param>
/// <param name="GatewayIds">The gateways its routes lead to (a gateway endpoint's routes name its <c>vpce-</c> id).</param>
public sealed record RouteTableDescription(string Id, string VpcId, bool IsMain, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> GatewayIds);

/// <summary>What <c>DescribeSubnets</c> says about one subnet.</summary>
public sealed record SubnetDescription(string SubnetId, string VpcId);
