using System.Text.Json.Nodes;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// The changes that are alerted and never restored (the cluster's roles, a deleted role, the Glue catalog policy,
/// the organization's policies), against moto, with GUARDRAIL_ROLLBACK=true: the alert names the hop and rule and
/// its reason says why the guardrail does not undo it. moto has no ModifyClusterIamRoles: the cluster is created with
/// roles that leave the Spectrum role out, which is what that call would leave behind.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class AlertOnlyTests(MotoServer moto)
{
    private static readonly (string, string) RollbackAll = ("GUARDRAIL_ROLLBACK", "true");

    [Theory]
    [InlineData("access-redshift-modify-cluster-iam-roles", "ModifyClusterIamRoles")]
    [InlineData("access-redshift-modify-cluster", "ModifyCluster")]
    public async Task A_cluster_left_without_the_Spectrum_role_is_alerted_never_restored(string eventFile, string eventName)
    {
        using var world = await PathWorld.CreateAsync(moto);
        await world.Redshift.CallAsync("CreateCluster", [new("ClusterIdentifier", "analytics"), new("NodeType", "ra3.xlplus"), new("MasterUsername", "admin"), new("MasterUserPassword", "Passw0rd-example"), new("IamRoles.IamRoleArn.1", $"arn:aws:iam::{PathWorld.Account}:role/etl")], default);

        var result = await InvokeAsync(world, Sandbox.Event(eventFile), ("GUARDRAIL_CLUSTERS", "analytics"));

        var alert = await AssertAlertedNeverRestoredAsync(world, result, eventName, "changing a cluster's or namespace's roles");
        alert.AssertNames("association", "role-not-attached");
        var roles = await world.Redshift.CallAsync("DescribeClusters", [new("ClusterIdentifier", "analytics")], default);
        Assert.Equal([$"arn:aws:iam::{PathWorld.Account}:role/etl"], roles.Descendants().Where(e => e.Name.LocalName == "IamRoleArn").Select(e => e.Value));
    }

    [Fact]
    public async Task A_catalog_policy_that_denies_the_reader_is_alerted_never_restored()
    {
        using var world = await PathWorld.CreateAsync(moto);
        await world.IamAsync("PutRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "glue-read"), ("PolicyDocument", PathWorld.Document(PathWorld.Statement("Allow", "glue:Get*", "*"))));
        (string, string) tables = ("GUARDRAIL_CATALOG_TABLES", $"{PathWorld.Account}/sales/orders");
        await RestorableHopTests.BaselineAsync(world, tables);
        var denyOthers = HopCase.EventText("access-glue-put-resource-policy", "policyInJson");
        await world.Glue.CallAsync("PutResourcePolicy", new JsonObject { ["PolicyInJson"] = denyOthers }, default);

        var result = await InvokeAsync(world, Sandbox.Event("access-glue-put-resource-policy"), tables);

        var alert = await AssertAlertedNeverRestoredAsync(world, result, "PutResourcePolicy", "the catalog's resource policy serves every consumer");
        alert.AssertNames("catalog", "catalog-denies");
        var live = await world.Glue.CallAsync("GetResourcePolicy", [], default);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(denyOthers), JsonNode.Parse(live["PolicyInJson"]!.GetValue<string>())));
    }

    [Fact]
    public async Task An_SCP_that_denies_the_reads_is_alerted_never_restored()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var reader = await world.MemberReaderAsync();
        var root = (await world.Organizations.CallAsync("ListRoots", [], default))["Roots"]![0]!["Id"]!.GetValue<string>();
        await world.Organizations.CallAsync("EnablePolicyType", new JsonObject { ["RootId"] = root, ["PolicyType"] = "SERVICE_CONTROL_POLICY" }, default);
        var allowAll = PathWorld.Document(PathWorld.Statement("Allow", "*", "*", "Everything"));
        var created = await world.Organizations.CallAsync("CreatePolicy", new JsonObject { ["Name"] = "data-perimeter", ["Description"] = "perimeter", ["Type"] = "SERVICE_CONTROL_POLICY", ["Content"] = allowAll }, default);
        var policyId = created["Policy"]!["PolicySummary"]!["Id"]!.GetValue<string>();
        await world.Organizations.CallAsync("AttachPolicy", new JsonObject { ["PolicyId"] = policyId, ["TargetId"] = world.MemberAccount }, default);
        (string, string)[] settings = [("GUARDRAIL_SPECTRUM_ROLES", reader), ("GUARDRAIL_ACCOUNT_ROLE_NAME", "GuardrailReader")];
        await RestorableHopTests.BaselineAsync(world, settings);
        var noReads = PathWorld.Document(PathWorld.Statement("Deny", "s3:GetObject", "*", "NoLakeReads"));
        await world.Organizations.CallAsync("UpdatePolicy", new JsonObject { ["PolicyId"] = policyId, ["Content"] = noReads }, default);

        var eventJson = PathWorld.Event("access-organizations-update-policy", ("detail.requestParameters.policyId", policyId), ("detail.requestParameters.content", noReads));
        var result = await InvokeAsync(world, eventJson, settings);

        var alert = await AssertAlertedNeverRestoredAsync(world, result, "UpdatePolicy", "SCPs and RCPs govern the whole organization");
        alert.AssertNames("identity", "scp-denies");
        var live = await world.Organizations.CallAsync("DescribePolicy", new JsonObject { ["PolicyId"] = policyId }, default);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(noReads), JsonNode.Parse(live["Policy"]!["Content"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_deleted_role_is_alerted_never_restored()
    {
        using var world = await PathWorld.CreateAsync(moto);
        await RestorableHopTests.BaselineAsync(world);
        await world.IamAsync("DetachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.LakeRead));
        await world.IamAsync("DeleteRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "kms-decrypt"));
        await world.IamAsync("DeleteRolePermissionsBoundary", ("RoleName", PathWorld.RoleName));
        await world.IamAsync("DeleteRole", ("RoleName", PathWorld.RoleName));

        var result = await InvokeAsync(world, Sandbox.Event("access-iam-delete-role"));

        var alert = await AssertAlertedNeverRestoredAsync(world, result, "DeleteRole", "a deleted role cannot be restored");
        alert.AssertNames("trust", "trust-missing-redshift");
        Assert.Contains($"trust: trust policy of {PathWorld.RoleArn}: RoleDoesNotExist", alert.Statements);
    }

    private static Task<JsonObject> InvokeAsync(PathWorld world, string eventJson, params (string, string)[] settings) =>
        Sandbox.InvokeAsync(new AccessPathFunction(world.Host([RollbackAll, .. settings])).Handle, eventJson);

    private static async Task<PathAlert> AssertAlertedNeverRestoredAsync(PathWorld world, JsonObject result, string eventName, string why)
    {
        Assert.Equal("alerted", RestorableHopTests.Text(result["outcome"]));
        Assert.Equal("breaks", RestorableHopTests.Text(result["verdict"]));
        var reason = RestorableHopTests.Text(result["reason"]);
        Assert.StartsWith($"{eventName} is alerted, never rolled back: ", reason, StringComparison.Ordinal);
        Assert.Contains(why, reason, StringComparison.Ordinal);
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        Assert.Equal("alerted", alert.Outcome);
        Assert.Equal(reason, alert.Reason);
        return alert;
    }
}
