using System.Text.Json.Nodes;
using System.Xml.Linq;
using Guardrail.Aws.Query;
using Guardrail.Aws.Rest;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests.Network;

/// <summary>
/// Raw clients to build Lake Formation, VPC and access point state in moto as a user would (the readers under test
/// are not used for it), in the one account moto answers for.
/// </summary>
internal sealed class LakeWorld : IDisposable
{
    public const string Account = "123456789012";
    private static readonly XNamespace S3ControlNs = "http://awss3control.amazonaws.com/doc/2018-08-20/";
    private readonly List<IDisposable> owned = [];

    public LakeWorld(MotoServer moto)
    {
        LakeFormation = new AwsRestJsonClient(Own(AwsHttp.CreateSignedClient("lakeformation", "us-east-1")), moto.Endpoint, "lakeformation");
        Ec2 = new AwsQueryClient(Own(AwsHttp.CreateSignedClient("ec2", "us-east-1")), moto.Endpoint, "ec2", "2016-11-15");
        S3Control = new AwsRestXmlClient(Own(AwsHttp.CreateSignedClient("s3", "us-east-1")), moto.Endpoint, "s3control", Account);
    }

    public AwsRestJsonClient LakeFormation { get; }

    public AwsQueryClient Ec2 { get; }

    public AwsRestXmlClient S3Control { get; }

    public Task RegisterAsync(string resourceArn, string roleArn) =>
        LakeFormation.PostAsync("RegisterResource", new JsonObject { ["ResourceArn"] = resourceArn, ["RoleArn"] = roleArn }, default);

    public static JsonObject Grant(string principal, JsonObject resource, params string[] permissions) => new()
    {
        ["Principal"] = new JsonObject { ["DataLakePrincipalIdentifier"] = principal },
        ["Resource"] = resource,
        ["Permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)p)]),
    };

    public async Task<string> CreateVpcAsync()
    {
        var vpc = await Ec2.CallAsync("CreateVpc", [new("CidrBlock", "10.0.0.0/16")], default);
        return AwsQueryClient.Child(vpc, "vpcId")!;
    }

    public async Task<string> CreateSubnetAsync(string vpcId, string cidr)
    {
        var subnet = await Ec2.CallAsync("CreateSubnet", [new("VpcId", vpcId), new("CidrBlock", cidr)], default);
        return AwsQueryClient.Child(subnet, "subnetId")!;
    }

    public async Task<string> CreateRouteTableAsync(string vpcId, params string[] subnets)
    {
        var table = AwsQueryClient.Child(await Ec2.CallAsync("CreateRouteTable", [new("VpcId", vpcId)], default), "routeTableId")!;
        foreach (var subnet in subnets)
        {
            await Ec2.CallAsync("AssociateRouteTable", [new("RouteTableId", table), new("SubnetId", subnet)], default);
        }

        return table;
    }

    public async Task<string> CreateGatewayEndpointAsync(string vpcId, string policy, params string[] routeTables)
    {
        List<KeyValuePair<string, string>> parameters = [new("VpcId", vpcId), new("ServiceName", "com.amazonaws.us-east-1.s3"), new("VpcEndpointType", "Gateway"), new("PolicyDocument", policy)];
        parameters.AddRange(routeTables.Select((t, i) => KeyValuePair.Create($"RouteTableId.{i + 1}", t)));
        return AwsQueryClient.Child(await Ec2.CallAsync("CreateVpcEndpoint", parameters, default), "vpcEndpointId")!;
    }

    public async Task<(string Arn, string Alias)> CreateAccessPointAsync(string name, string bucket)
    {
        var body = new XDocument(new XElement(S3ControlNs + "CreateAccessPointRequest", new XElement(S3ControlNs + "Bucket", bucket)));
        var response = await S3Control.SendAsync(HttpMethod.Put, $"/v20180820/accesspoint/{name}", "CreateAccessPoint", body, default);
        return (AwsQueryClient.Child(response, "AccessPointArn")!, AwsQueryClient.Child(response, "Alias")!);
    }

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
