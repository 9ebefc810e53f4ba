using System.Text.Json.Nodes;
using Guardrail.Aws.LakeFormation;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Testing;

namespace Guardrail.Aws.Tests.Network;

/// <summary>The Lake Formation reader and writer against moto (REST-JSON, <c>POST /OPERATION</c>).</summary>
[Collection(NetworkMotoCollection.Name)]
public sealed class LakeFormationClientTests(MotoServer moto)
{
    private const string Reader = "arn:aws:iam::123456789012:role/spectrum-reader";
    private const string Registrar = "arn:aws:iam::123456789012:role/lf-registrar";

    [Fact]
    public async Task Registered_locations_are_listed_and_described_and_an_unregistered_one_is_none()
    {
        await moto.ResetAsync();
        using var world = new LakeWorld(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        await world.RegisterAsync("arn:aws:s3:::amzn-s3-demo-lake/sales", Registrar);
        var lf = (await factory.ForAccountAsync(LakeWorld.Account, default)).LakeFormation;

        var listed = Assert.Single(await lf.ListResourcesAsync(default));
        Assert.Equal(new LfRegisteredLocation("arn:aws:s3:::amzn-s3-demo-lake/sales", Registrar, false), listed);
        Assert.Equal(listed, await lf.DescribeResourceAsync("arn:aws:s3:::amzn-s3-demo-lake/sales", default));
        Assert.Null(await lf.DescribeResourceAsync("arn:aws:s3:::amzn-s3-demo-raw", default));
    }

    [Fact]
    public async Task A_revoked_grant_is_granted_back_from_the_revoke_request_and_listed_by_principal_and_resource()
    {
        await moto.ResetAsync();
        using var world = new LakeWorld(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        var table = new LfResource.Table("sales", "orders");
        var select = LakeWorld.Grant(Reader, LfResourceJson.ToApi(table), "SELECT");
        await world.LakeFormation.PostAsync("GrantPermissions", select, default);
        await world.LakeFormation.PostAsync("GrantPermissions", LakeWorld.Grant("IAM_ALLOWED_PRINCIPALS", LfResourceJson.ToApi(new LfResource.Database("sales")), "ALL"), default);
        var readers = await factory.ForAccountAsync(LakeWorld.Account, default);
        var writers = await factory.WritersForAccountAsync(LakeWorld.Account, default);

        await world.LakeFormation.PostAsync("RevokePermissions", select, default);
        Assert.Empty(await readers.LakeFormation.ListPermissionsAsync(new LfPermissionFilter(table, Reader), default));

        // CloudTrail's requestParameters spell the same names in camelCase.
        var revokeEvent = JsonNode.Parse("""{"principal":{"dataLakePrincipalIdentifier":"READER"},"resource":{"table":{"databaseName":"sales","name":"orders"}},"permissions":["SELECT"]}""".Replace("READER", Reader, StringComparison.Ordinal))!.AsObject();
        await writers.LakeFormation.GrantPermissionsAsync(LfGrant.InverseOfRevoke(revokeEvent), default);

        var entry = Assert.Single(await readers.LakeFormation.ListPermissionsAsync(new LfPermissionFilter(table, Reader), default));
        Assert.Equal((Reader, (LfResource?)table, "SELECT"), (entry.Principal, entry.Resource, string.Join(",", entry.Permissions)));
        var iamAllowed = Assert.Single(await readers.LakeFormation.ListPermissionsAsync(new LfPermissionFilter(new LfResource.Database("sales"), "IAM_ALLOWED_PRINCIPALS"), default));
        Assert.Equal(["ALL"], iamAllowed.Permissions);
        Assert.Equal(1, factory.Counter.Counts["lakeformation:GrantPermissions"]);
    }

    [Fact]
    public async Task The_tags_of_a_table_and_its_database_and_the_data_lake_settings_are_read()
    {
        await moto.ResetAsync();
        using var world = new LakeWorld(moto);
        using var factory = LiveCollectionTests.Factory(moto);
        await world.LakeFormation.PostAsync("CreateLFTag", new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales", "hr") }, default);
        await world.LakeFormation.PostAsync("AddLFTagsToResource", new JsonObject
        {
            ["Resource"] = LfResourceJson.ToApi(new LfResource.Database("sales")),
            ["LFTags"] = new JsonArray(new JsonObject { ["TagKey"] = "domain", ["TagValues"] = new JsonArray("sales") }),
        }, default);
        await world.LakeFormation.PostAsync("PutDataLakeSettings", new JsonObject
        {
            ["DataLakeSettings"] = new JsonObject
            {
                ["DataLakeAdmins"] = new JsonArray(new JsonObject { ["DataLakePrincipalIdentifier"] = Registrar }),
                ["CreateTableDefaultPermissions"] = new JsonArray(),
                ["CreateDatabaseDefaultPermissions"] = new JsonArray(new JsonObject { ["Principal"] = new JsonObject { ["DataLakePrincipalIdentifier"] = "IAM_ALLOWED_PRINCIPALS" }, ["Permissions"] = new JsonArray("ALL") }),
            },
        }, default);
        var lf = (await factory.ForAccountAsync(LakeWorld.Account, default)).LakeFormation;

        var tags = await lf.GetResourceTagsAsync(new LfResource.Database("sales"), default);
        var settings = await lf.GetDataLakeSettingsAsync(default);

        Assert.Equal(["sales"], tags.OnDatabase["domain"]);
        Assert.Empty(tags.OnTable);
        Assert.Equal([Registrar], settings.DataLakeAdmins);
        Assert.Equal(new[] { ("IAM_ALLOWED_PRINCIPALS", "ALL") }, settings.CreateDatabaseDefaultPermissions.Select(p => (p.Principal, string.Join(",", p.Permissions))));
    }

    [Theory]
    [InlineData("""{"Table":{"DatabaseName":"sales","Name":"orders"}}""")]
    [InlineData("""{"Table":{"DatabaseName":"sales","TableWildcard":{}}}""")]
    [InlineData("""{"Database":{"Name":"sales"}}""")]
    [InlineData("""{"TableWithColumns":{"DatabaseName":"sales","Name":"orders","ColumnNames":["id","total"]}}""")]
    [InlineData("""{"TableWithColumns":{"DatabaseName":"sales","Name":"orders","ColumnWildcard":{"ExcludedColumnNames":["ssn"]}}}""")]
    [InlineData("""{"LFTagPolicy":{"ResourceType":"TABLE","Expression":[{"TagKey":"domain","TagValues":["sales"]}]}}""")]
    public void A_resource_reads_and_writes_back_as_the_same_API_json(string json)
    {
        var resource = LfResourceJson.FromApi(JsonNode.Parse(json)!.AsObject());

        Assert.NotNull(resource);
        Assert.Equal(json, LfResourceJson.ToApi(resource).ToJsonString());
    }

    [Fact]
    public void A_resource_the_snapshot_does_not_name_reads_as_none()
    {
        Assert.Null(LfResourceJson.FromApi(JsonNode.Parse("""{"DataLocation":{"ResourceArn":"arn:aws:s3:::amzn-s3-demo-lake"}}""")!.AsObject()));
    }
}
