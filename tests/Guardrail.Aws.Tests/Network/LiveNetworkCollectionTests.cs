using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests.Network;

/// <summary>
/// A Serverless path whose table is registered with Lake Formation, read through an access point alias, from a
/// workgroup whose subnet routes S3 through a gateway endpoint: the collector writes the new sections.
/// Redshift Serverless answers with recorded bodies (moto lacks it); everything else is moto.
/// </summary>
[Collection(NetworkMotoCollection.Name)]
public sealed class LiveNetworkCollectionTests(MotoServer moto)
{
    private const string Registrar = $"arn:aws:iam::{LiveWorld.Account}:role/lf-registrar";
    private const string EndpointPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-lake/*"}]}""";
    private const string AccessPointPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/data/spectrum-reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:123456789012:accesspoint/lake-ap/object/*"}]}""";

    [Fact]
    public async Task A_registered_location_a_gateway_endpoint_and_an_access_point_make_the_new_sections()
    {
        using var world = await LiveWorld.CreateAsync(moto);
        using var lake = new LakeWorld(moto);
        await world.CreateRoleAsync("lf-registrar", LiveWorld.Document(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["Service"] = "lakeformation.amazonaws.com" }, ["Action"] = "sts:AssumeRole" }));
        await lake.RegisterAsync($"arn:aws:s3:::{LiveWorld.Lake}/sales", Registrar);
        // A database grant: moto 5.2.1's ListPermissions fails on a TableWildcard filter once a named-table grant exists (a KeyError).
        await lake.LakeFormation.PostAsync("GrantPermissions", LakeWorld.Grant(LiveWorld.ReaderRole, new JsonObject { ["Database"] = new JsonObject { ["Name"] = "sales" } }, "DESCRIBE"), default);

        // A grant through an LF-tag policy: the tables' and databases' LF-tags then decide it, so they are read.
        var tagPolicy = new JsonObject { ["LFTagPolicy"] = new JsonObject { ["ResourceType"] = "TABLE", ["Expression"] = new JsonArray(new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales") }) } };
        await lake.LakeFormation.PostAsync("GrantPermissions", LakeWorld.Grant(LiveWorld.ReaderRole, tagPolicy, "SELECT"), default);
        var vpc = await lake.CreateVpcAsync();
        var subnet = await lake.CreateSubnetAsync(vpc, "10.0.1.0/24");
        var endpoint = await lake.CreateGatewayEndpointAsync(vpc, EndpointPolicy, await lake.CreateRouteTableAsync(vpc, subnet));
        var (accessPoint, alias) = await lake.CreateAccessPointAsync("lake-ap", LiveWorld.Lake);
        await lake.S3Control.SendAsync(HttpMethod.Put, "/v20180820/accesspoint/lake-ap/policy", "PutAccessPointPolicy", new System.Xml.Linq.XDocument(new System.Xml.Linq.XElement(System.Xml.Linq.XName.Get("PutAccessPointPolicyRequest", "http://awss3control.amazonaws.com/doc/2018-08-20/"), new System.Xml.Linq.XElement(System.Xml.Linq.XName.Get("Policy", "http://awss3control.amazonaws.com/doc/2018-08-20/"), AccessPointPolicy))), default);
        var getNamespace = $$$"""{"namespace":{"namespaceName":"analytics-ns","iamRoles":["{{{LiveWorld.EntryRole}}}"]}}""";
        var getWorkgroup = $$$"""{"workgroup":{"workgroupName":"analytics-wg","namespaceName":"analytics-ns","enhancedVpcRouting":true,"subnetIds":["{{{subnet}}}"]}}""";
        using var network = new ServerlessOnMoto(getNamespace, getWorkgroup);
        using var factory = new AccountClientFactory(new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null), "us-east-1", null, new AwsCallCounter(), network: network);
        var request = new SnapshotRequest(
            [RoleArn.Parse(LiveWorld.EntryRole), RoleArn.Parse(LiveWorld.ReaderRole)],
            [new TableTarget(alias, "sales/", LiveWorld.Account, "sales", "orders")],
            new ClusterTarget(ClusterKind.Serverless, "analytics-ns", "analytics-wg"),
            "us-east-1");

        var collection = await new SnapshotCollector(factory).CollectAsync(request, default);
        var snapshot = collection.Snapshot;

        Assert.Empty(collection.Failures);
        var cluster = snapshot["spectrum"]!["cluster"]!;
        Assert.True(cluster["enhancedVpcRouting"]!.GetValue<bool>());
        Assert.Equal([endpoint], cluster["s3Endpoints"]!.AsArray().Select(e => e!.GetValue<string>()));
        var vpce = snapshot["vpcEndpoints"]![endpoint]!;
        Assert.Equal(("com.amazonaws.us-east-1.s3", "Gateway"), (vpce["serviceName"]!.GetValue<string>(), vpce["type"]!.GetValue<string>()));
        Assert.Equal("arn:aws:s3:::amzn-s3-demo-lake/*", vpce["policy"]!["Statement"]![0]!["Resource"]!.GetValue<string>());

        var table = snapshot["spectrum"]!["tables"]![0]!;
        Assert.Equal((LiveWorld.Lake, accessPoint), (table["bucket"]!.GetValue<string>(), table["accessPoint"]!.GetValue<string>()));
        var point = snapshot["accessPoints"]![accessPoint]!;
        Assert.Equal((LiveWorld.Lake, LiveWorld.Account, "Internet"), (point["bucket"]!.GetValue<string>(), point["account"]!.GetValue<string>(), point["networkOrigin"]!.GetValue<string>()));
        Assert.Equal(LiveWorld.ReaderRole, point["policy"]!["Statement"]![0]!["Principal"]!["AWS"]!.GetValue<string>());
        Assert.NotNull(snapshot["buckets"]![LiveWorld.Lake]!["policy"]);

        var lf = snapshot["lakeFormation"]![LiveWorld.Account]!;
        var location = Assert.Single(lf["resources"]!.AsArray());
        Assert.Equal(($"arn:aws:s3:::{LiveWorld.Lake}/sales", Registrar, false), (location!["resourceArn"]!.GetValue<string>(), location["roleArn"]!.GetValue<string>(), location["hybridAccessEnabled"]!.GetValue<bool>()));
        Assert.Equal(
            [
                $$$"""{"principal":"{{{LiveWorld.ReaderRole}}}","resource":{"database":{"name":"sales"}},"permissions":["DESCRIBE"]}""",
                $$$"""{"principal":"{{{LiveWorld.ReaderRole}}}","resource":{"lfTagPolicy":{"resourceType":"TABLE","expression":[{"tagKey":"domain","tagValues":["sales"]}]}},"permissions":["SELECT"]}""",
            ],
            lf["permissions"]!.AsArray().Select(g => g!.ToJsonString()));
        Assert.Equal("""{"sales":{"domain":["sales"]},"sales/orders":{"domain":["finance"]}}""", lf["resourceTags"]!.ToJsonString());
        Assert.NotNull(snapshot["roles"]![Registrar]!["trustPolicy"]);
    }

    [Fact]
    public void A_recorded_GetWorkgroup_answer_is_read()
    {
        var answer = JsonNode.Parse("""{"workgroup":{"workgroupName":"analytics-wg","namespaceName":"analytics-ns","enhancedVpcRouting":false,"subnetIds":["subnet-0a1b2c3d4e5f60718","subnet-0f1e2d3c4b5a69788"],"status":"AVAILABLE","baseCapacity":8,"endpoint":{"address":"analytics-wg.123456789012.us-east-1.redshift-serverless.amazonaws.com","port":5439,"vpcEndpoints":[{"vpcEndpointId":"vpce-0abc","vpcId":"vpc-0123"}]}}}""")!.AsObject();

        var workgroup = Redshift.JsonWorkgroupReader.Read(answer);

        Assert.Equal(new Redshift.WorkgroupDescription("analytics-wg", "analytics-ns", false, workgroup.SubnetIds), workgroup);
        Assert.Equal(["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"], workgroup.SubnetIds);
        Assert.Throws<AwsCallException>(() => Redshift.JsonWorkgroupReader.Read(JsonNode.Parse("""{"workgroup":{"workgroupName":"wg"}}""")!.AsObject()));
    }

    [Fact]
    public async Task A_refused_GetWorkgroup_is_a_failed_call_naming_the_permission()
    {
        using var recorded = new RecordedAws().Answer("GetWorkgroup", () => RecordedAws.JsonError("AccessDeniedException"));
        using var factory = new AccountClientFactory(new AwsEndpoints(_ => null), "us-east-1", null, new AwsCallCounter(), new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"), recorded, new FixedAccount());
        var readers = await factory.ForAccountAsync("123456789012", default);

        var e = await Assert.ThrowsAsync<AwsCallException>(() => readers.Workgroups.GetWorkgroupAsync("analytics-wg", default));

        Assert.Equal(("redshift-serverless:GetWorkgroup", true), (e.Call, e.IsAccessDenied));
        Assert.Equal("RedshiftServerless.GetWorkgroup", Assert.Single(recorded.Sent).Target);
    }

    private sealed class FixedAccount : IStsSessions
    {
        public Task<string> GetCallerAccountAsync(CancellationToken cancellationToken) => Task.FromResult("123456789012");

        public Task<Amazon.Runtime.AWSCredentials> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
