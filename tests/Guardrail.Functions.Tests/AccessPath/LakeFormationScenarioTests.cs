using System.Text.Json.Nodes;
using Guardrail.Aws.Query;
using Guardrail.Aws.Rest;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Issue 15 end to end against moto: a revoked Lake Formation grant (granted back and verified with rollback on,
/// alerted with it off), a deregistered location (alerted, never restored; the reading role is then the one S3 sees),
/// and a Serverless workgroup's S3 endpoint given a policy that leaves the lake out (rollback on and off). They need
/// the collector's Lake Formation and network sections and the core's lake-formation and vpc-endpoint hops.
/// </summary>
[Collection(LakeCollection.Name)]
public sealed class LakeFormationScenarioTests(MotoServer moto)
{
    private static readonly (string, string) Tables = ("GUARDRAIL_CATALOG_TABLES", $"{PathWorld.Account}/sales/orders");
    private static readonly JsonObject OrdersTable = new() { ["Table"] = new JsonObject { ["DatabaseName"] = "sales", ["Name"] = "orders" } };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_revoked_grant_is_granted_back_and_verified_only_with_its_kind_on(bool rollback)
    {
        using var world = await PathWorld.CreateAsync(moto);
        using var http = AwsHttp.CreateSignedClient("lakeformation", "us-east-1");
        var lake = new AwsRestJsonClient(http, moto.Endpoint, "lakeformation");
        await CatalogTableAsync(world, lake);
        await lake.PostAsync("GrantPermissions", Grant(PathWorld.RoleArn, "SELECT", "DESCRIBE"), default);
        await RegisterAsync(world, lake);
        await RestorableHopTests.BaselineAsync(world, Tables);
        await lake.PostAsync("RevokePermissions", Grant(PathWorld.RoleArn, "SELECT", "DESCRIBE"), default);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(Tables, ("GUARDRAIL_ROLLBACK", rollback ? "lf-permissions" : "false"))).Handle, Sandbox.Event("access-lakeformation-revoke-permissions"));

        Assert.Equal(rollback ? "rolled-back" : "alerted", RestorableHopTests.Text(result["outcome"]));
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        Assert.Contains(alert.Statements, s => s.StartsWith("lake-formation: ", StringComparison.Ordinal));
        var live = await lake.PostAsync("ListPermissions", new JsonObject { ["Principal"] = new JsonObject { ["DataLakePrincipalIdentifier"] = PathWorld.RoleArn }, ["Resource"] = OrdersTable.DeepClone() }, default);
        var held = live["PrincipalResourcePermissions"]!.AsArray().SelectMany(p => p!["Permissions"]!.AsArray().Select(x => x!.GetValue<string>())).ToHashSet();
        Assert.Equal(rollback, held.IsSupersetOf(["SELECT", "DESCRIBE"]));
    }

    [Fact]
    public async Task A_deregistered_location_is_alerted_never_restored_and_the_reading_role_is_the_clusters()
    {
        using var world = await PathWorld.CreateAsync(moto);
        using var http = AwsHttp.CreateSignedClient("lakeformation", "us-east-1");
        var lake = new AwsRestJsonClient(http, moto.Endpoint, "lakeformation");
        await CatalogTableAsync(world, lake);
        await lake.PostAsync("GrantPermissions", Grant(PathWorld.RoleArn, "SELECT", "DESCRIBE"), default);
        await RegisterAsync(world, lake);

        // As AWS advises for a governed table, the cluster's role keeps no S3 access of its own.
        await world.IamAsync("DetachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.LakeRead));
        await RestorableHopTests.BaselineAsync(world, Tables);
        await lake.PostAsync("DeregisterResource", new JsonObject { ["ResourceArn"] = $"arn:aws:s3:::{Sandbox.Bucket}" }, default);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(Tables, ("GUARDRAIL_ROLLBACK", "true"))).Handle, Sandbox.Event("access-lakeformation-deregister-resource", n => n["detail"]!["requestParameters"]!["resourceArn"] = $"arn:aws:s3:::{Sandbox.Bucket}"));

        // Without the registration, S3 is read with the cluster's role itself: judged, alerted, never re-registered.
        var reason = RestorableHopTests.Text(result["reason"]);
        Assert.StartsWith("DeregisterResource is alerted, never rolled back: ", reason, StringComparison.Ordinal);
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        Assert.Contains(alert.Statements, s => s.Contains(PathWorld.RoleArn, StringComparison.Ordinal));
        var resources = await lake.PostAsync("ListResources", [], default);
        Assert.Empty(resources["ResourceInfoList"]!.AsArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_endpoint_policy_that_leaves_the_lake_out_is_put_back_only_with_its_kind_on(bool rollback)
    {
        using var world = await PathWorld.CreateAsync(moto);
        using var http = AwsHttp.CreateSignedClient("ec2", "us-east-1");
        var ec2 = new AwsQueryClient(http, moto.Endpoint, "ec2", "2016-11-15");
        var vpc = AwsQueryClient.Child(await ec2.CallAsync("CreateVpc", [new("CidrBlock", "10.0.0.0/16")], default), "vpcId")!;
        var subnet = AwsQueryClient.Child(await ec2.CallAsync("CreateSubnet", [new("VpcId", vpc), new("CidrBlock", "10.0.1.0/24")], default), "subnetId")!;
        var routes = AwsQueryClient.Child(await ec2.CallAsync("CreateRouteTable", [new("VpcId", vpc)], default), "routeTableId")!;
        await ec2.CallAsync("AssociateRouteTable", [new("RouteTableId", routes), new("SubnetId", subnet)], default);
        // AWS's default endpoint policy: full access, to every principal.
        var full = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";
        var endpoint = AwsQueryClient.Child(await ec2.CallAsync("CreateVpcEndpoint", [new("VpcId", vpc), new("ServiceName", "com.amazonaws.us-east-1.s3"), new("VpcEndpointType", "Gateway"), new("RouteTableId.1", routes), new("PolicyDocument", full), new("TagSpecification.1.ResourceType", "vpc-endpoint"), new("TagSpecification.1.Tag.1.Key", "spectrum-guardrail"), new("TagSpecification.1.Tag.1.Value", "protected")], default), "vpcEndpointId")!;

        // The workgroup (moto has no Redshift Serverless): enhanced VPC routing through the subnet whose route table
        // holds the gateway endpoint; the namespace's role trusts both Redshift names, as Serverless needs.
        using var serverless = ServerlessStandIn.Start(
            $$$"""{"namespace":{"namespaceName":"analytics-ns","iamRoles":["{{{PathWorld.RoleArn}}}"]}}""",
            $$$"""{"workgroup":{"workgroupName":"analytics-wg","namespaceName":"analytics-ns","enhancedVpcRouting":true,"subnetIds":["{{{subnet}}}"]}}""");
        await world.IamAsync("UpdateAssumeRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["redshift.amazonaws.com","redshift-serverless.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"""));
        (string, string)[] serverlessPath = [("GUARDRAIL_CLUSTERS", "serverless:analytics-ns/analytics-wg"), ("AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS", serverless.Url.ToString().TrimEnd('/'))];
        await RestorableHopTests.BaselineAsync(world, serverlessPath);
        var otherBucketOnly = HopCase.EventText("access-ec2-modify-vpc-endpoint", "ModifyVpcEndpointRequest.PolicyDocument");
        await ec2.CallAsync("ModifyVpcEndpoint", [new("VpcEndpointId", endpoint), new("PolicyDocument", otherBucketOnly)], default);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host([.. serverlessPath, ("GUARDRAIL_ROLLBACK", rollback ? "vpc-endpoint-policy" : "false")])).Handle, Sandbox.Event("access-ec2-modify-vpc-endpoint", n => n["detail"]!["requestParameters"]!["ModifyVpcEndpointRequest"]!["VpcEndpointId"] = endpoint));

        Assert.Equal(rollback ? "rolled-back" : "alerted", RestorableHopTests.Text(result["outcome"]));
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        Assert.Contains(alert.Statements, s => s.StartsWith("vpc-endpoint: ", StringComparison.Ordinal));
        var live = await ec2.CallAsync("DescribeVpcEndpoints", [new("VpcEndpointId.1", endpoint)], default);
        var policy = JsonNode.Parse(AwsQueryClient.Child(live.Descendants().First(e => e.Name.LocalName == "item"), "policyDocument")!);
        Assert.Equal(rollback, JsonNode.DeepEquals(JsonNode.Parse(full), policy));
    }

    private static JsonObject Grant(string principal, params string[] permissions) => new()
    {
        ["Principal"] = new JsonObject { ["DataLakePrincipalIdentifier"] = principal },
        ["Resource"] = OrdersTable.DeepClone(),
        ["Permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)p)]),
    };

    /// <summary>Registers the protected bucket with a role Lake Formation may assume, which reads the lake as the cluster's role does.</summary>
    private static async Task RegisterAsync(PathWorld world, AwsRestJsonClient lake)
    {
        var registration = await world.SecondReaderAsync("lf-registration");
        await world.IamAsync("UpdateAssumeRolePolicy", ("RoleName", "lf-registration"), ("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lakeformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));
        await lake.PostAsync("RegisterResource", new JsonObject { ["ResourceArn"] = $"arn:aws:s3:::{Sandbox.Bucket}", ["RoleArn"] = registration }, default);
    }

    /// <summary>The catalog table sales.orders over the protected bucket, in Lake Formation's hands (no IAMAllowedPrincipals).</summary>
    private static async Task CatalogTableAsync(PathWorld world, AwsRestJsonClient lake)
    {
        await world.IamAsync("PutRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "lf-read"), ("PolicyDocument", PathWorld.Document(PathWorld.Statement("Allow", "lakeformation:GetDataAccess", "*"), PathWorld.Statement("Allow", "glue:Get*", "*"))));
        await world.Glue.CallAsync("CreateDatabase", new JsonObject { ["DatabaseInput"] = new JsonObject { ["Name"] = "sales" } }, default);
        await world.Glue.CallAsync("CreateTable", new JsonObject { ["DatabaseName"] = "sales", ["TableInput"] = new JsonObject { ["Name"] = "orders", ["StorageDescriptor"] = new JsonObject { ["Location"] = $"s3://{Sandbox.Bucket}/sales/orders/" } } }, default);
        // LF-tags on both (moto 5.2 answers GetResourceLFTags with a 500 for a resource that has none).
        await lake.PostAsync("CreateLFTag", new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales", "finance") }, default);
        foreach (var resource in new JsonNode[] { new JsonObject { ["Database"] = new JsonObject { ["Name"] = "sales" } }, OrdersTable.DeepClone() })
        {
            await lake.PostAsync("AddLFTagsToResource", new JsonObject { ["Resource"] = resource, ["LFTags"] = new JsonArray(new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales") }) }, default);
        }

        await lake.PostAsync("PutDataLakeSettings", new JsonObject { ["DataLakeSettings"] = new JsonObject { ["DataLakeAdmins"] = new JsonArray(new JsonObject { ["DataLakePrincipalIdentifier"] = PathWorld.PlatformAdmin }), ["CreateDatabaseDefaultPermissions"] = new JsonArray(), ["CreateTableDefaultPermissions"] = new JsonArray() } }, default);
    }
}
