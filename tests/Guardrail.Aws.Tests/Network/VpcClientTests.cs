using Guardrail.Testing;

namespace Guardrail.Aws.Tests.Network;

/// <summary>The EC2 network reader and the VPC endpoint writer against moto (the ec2 Query protocol).</summary>
[Collection(NetworkMotoCollection.Name)]
public sealed class VpcClientTests(MotoServer moto)
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";

    [Fact]
    public async Task A_gateway_endpoint_its_policy_and_the_route_tables_of_its_subnets_are_read()
    {
        await moto.ResetAsync();
        using var world = new LakeWorld(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var vpc = await world.CreateVpcAsync();
        var subnet = await world.CreateSubnetAsync(vpc, "10.0.1.0/24");
        var table = await world.CreateRouteTableAsync(vpc, subnet);
        var endpoint = await world.CreateGatewayEndpointAsync(vpc, Policy, table);
        var network = (await factory.ForAccountAsync(LakeWorld.Account, default)).Network("us-east-1");

        var described = Assert.Single(await network.DescribeVpcEndpointsAsync([endpoint], null, default));
        var inVpc = await network.DescribeVpcEndpointsAsync([], vpc, default);
        var tables = await network.DescribeRouteTablesForSubnetsAsync([subnet], default);
        var main = await network.DescribeMainRouteTableAsync(vpc, default);
        var subnets = await network.DescribeSubnetsAsync([subnet], default);

        Assert.Equal((endpoint, vpc, "com.amazonaws.us-east-1.s3", "Gateway"), (described.Id, described.VpcId, described.ServiceName, described.Type));
        Assert.Equal(Policy, described.PolicyDocument);
        Assert.Equal([table], described.RouteTableIds);
        Assert.Equal([endpoint], inVpc.Select(e => e.Id));
        Assert.Equal([table], tables.Select(t => t.Id));
        Assert.Equal([subnet], Assert.Single(tables).SubnetIds);
        Assert.NotNull(main);
        Assert.True(main.IsMain);
        Assert.NotEqual(table, main.Id);
        Assert.Equal(vpc, Assert.Single(subnets).VpcId);
    }

    [Fact]
    public async Task A_changed_endpoint_policy_is_put_back()
    {
        await moto.ResetAsync();
        using var world = new LakeWorld(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var vpc = await world.CreateVpcAsync();
        var endpoint = await world.CreateGatewayEndpointAsync(vpc, Policy, await world.CreateRouteTableAsync(vpc));
        await world.Ec2.CallAsync("ModifyVpcEndpoint", [new("VpcEndpointId", endpoint), new("PolicyDocument", Policy.Replace("Allow", "Deny", StringComparison.Ordinal))], default);
        var readers = await factory.ForAccountAsync(LakeWorld.Account, default);
        var writers = await factory.WritersForAccountAsync(LakeWorld.Account, default);

        await writers.VpcEndpoints("us-east-1").SetVpcEndpointPolicyAsync(endpoint, Policy, default);

        Assert.Equal(Policy, Assert.Single(await readers.Network("us-east-1").DescribeVpcEndpointsAsync([endpoint], null, default)).PolicyDocument);
        Assert.Equal(1, factory.Counter.Counts["ec2:ModifyVpcEndpoint"]);
    }

    [Fact]
    public async Task An_unknown_endpoint_is_a_failed_call_naming_it()
    {
        await moto.ResetAsync();
        using var factory = LiveCollectionTests.Factory(moto);
        var network = (await factory.ForAccountAsync(LakeWorld.Account, default)).Network("us-east-1");

        var e = await Assert.ThrowsAsync<Calls.AwsCallException>(() => network.DescribeVpcEndpointsAsync(["vpce-0123456789abcdef0"], null, default));

        Assert.Equal("ec2:DescribeVpcEndpoints", e.Call);
        Assert.Contains("NotFound", e.Code, StringComparison.Ordinal);
    }
}
