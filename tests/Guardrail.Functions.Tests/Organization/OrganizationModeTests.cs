using System.Text.Json.Nodes;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Organization;

/// <summary>
/// One central deployment guarding a path that spans two member accounts (issue 16): events come from the members,
/// the resource is read and restored in its owner account through the member role, alerts reach the central topic.
/// </summary>
[Collection(OrganizationCollection.Name)]
public sealed class OrganizationModeTests(MotoServer moto)
{
    [Fact]
    public async Task A_breaking_bucket_policy_in_the_producer_account_is_judged_there_alerted_centrally_and_rolled_back_there()
    {
        using var world = await OrganizationWorld.CreateAsync(moto);
        var host = world.Host();
        var function = new BucketPolicyFunction(host);
        await world.PutProducerPolicyAsync(OrganizationWorld.GrantPolicy);
        var first = await Sandbox.InvokeAsync(function.Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Producer, OrganizationWorld.GrantPolicy));
        Assert.Equal("ok", first["outcome"]!.GetValue<string>());

        await world.PutProducerPolicyAsync(OrganizationWorld.LockoutPolicy);
        var result = await Sandbox.InvokeAsync(function.Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Producer, OrganizationWorld.LockoutPolicy));

        Assert.Equal("rolled-back", result["outcome"]!.GetValue<string>());
        Assert.Equal("breaks", result["verdict"]!.GetValue<string>());
        Assert.True(Sandbox.SamePolicy(OrganizationWorld.GrantPolicy, await world.ProducerPolicyAsync()));
        var alert = Assert.Single(await world.Sandbox.AlertsAsync());
        var body = JsonNode.Parse(alert["Message"]!.GetValue<string>())!;
        Assert.Equal(OrganizationWorld.Producer, body["resource"]!["account"]!.GetValue<string>());
        Assert.Equal(OrganizationWorld.PathName, Assert.Single(body["resource"]!["paths"]!.AsArray())!.GetValue<string>());
        Assert.Equal(OrganizationWorld.Producer, body["event"]!["account"]!.GetValue<string>());

        // The known-good record is the producer account's: keyed by account, as a role name or bucket of another account would be.
        Assert.NotNull(await world.Sandbox.Tamperer.GetAsync($"knowngood#bucket#{OrganizationWorld.Producer}#{OrganizationWorld.Bucket}"));
    }

    [Fact]
    public async Task An_event_from_an_account_no_path_names_is_ignored_and_nothing_is_read()
    {
        using var world = await OrganizationWorld.CreateAsync(moto);
        var host = world.Host();
        await world.PutProducerPolicyAsync(OrganizationWorld.LockoutPolicy);

        var result = await Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Stranger, OrganizationWorld.LockoutPolicy));

        Assert.Equal("ignored", result["outcome"]!.GetValue<string>());
        Assert.Contains($"account {OrganizationWorld.Stranger}", result["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(OrganizationWorld.Stranger, world.Sandbox.Log.ToString(), StringComparison.Ordinal);
        Assert.Empty(await world.Sandbox.AlertsAsync());
        Assert.True(Sandbox.SamePolicy(OrganizationWorld.LockoutPolicy, await world.ProducerPolicyAsync()));
    }

    [Fact]
    public async Task A_forged_event_naming_the_bucket_from_the_consumer_account_is_not_the_producers_bucket()
    {
        using var world = await OrganizationWorld.CreateAsync(moto);
        var host = world.Host();
        await world.PutProducerPolicyAsync(OrganizationWorld.LockoutPolicy);

        // The consumer account is on the path, but the document says the bucket is the producer's: not protected there.
        var result = await Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Consumer, OrganizationWorld.LockoutPolicy));

        Assert.Equal("ignored", result["outcome"]!.GetValue<string>());
        Assert.Empty(await world.Sandbox.AlertsAsync());
    }

    [Fact]
    public async Task The_drift_scan_records_the_members_state_and_a_consumer_accounts_cut_is_restored_there()
    {
        using var world = await OrganizationWorld.CreateAsync(moto);
        var host = world.Host(OrganizationWorld.ClusterlessDocument);
        await world.PutProducerPolicyAsync(OrganizationWorld.GrantPolicy);
        await world.ConsumerIam.CallAsync("PutRolePolicy", [new("RoleName", "redshift"), new("PolicyName", "lake-read"), new("PolicyDocument", OrganizationWorld.ReadPolicy)], default);

        var scan = await Sandbox.InvokeAsync(new DriftScanFunction(host).Handle, Sandbox.Event("drift-scan-schedule"));

        Assert.True(scan["outcome"]!.GetValue<string>() == "ok", scan.ToJsonString());
        foreach (var key in new[] { "path#sales", $"bucket#{OrganizationWorld.Producer}#{OrganizationWorld.Bucket}", $"role#{OrganizationWorld.Consumer}#redshift" })
        {
            Assert.NotNull(await world.Sandbox.Tamperer.GetAsync($"knowngood#{key}"));
        }

        await world.ConsumerIam.CallAsync("DeleteRolePolicy", [new("RoleName", "redshift"), new("PolicyName", "lake-read")], default);
        var result = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, OrganizationWorld.ConsumerEvent("access-iam-delete-role-policy"));

        Assert.Equal("rolled-back", result["outcome"]!.GetValue<string>());
        var restored = await world.ConsumerIam.CallAsync("GetRolePolicy", [new("RoleName", "redshift"), new("PolicyName", "lake-read")], default);
        Assert.Contains("LakeRead", Uri.UnescapeDataString(restored.ToString()), StringComparison.Ordinal);
        var alert = Assert.Single(await world.Sandbox.AlertsAsync());
        var body = JsonNode.Parse(alert["Message"]!.GetValue<string>())!;
        Assert.Equal(OrganizationWorld.PathName, Assert.Single(body["resource"]!["paths"]!.AsArray())!.GetValue<string>());
        Assert.Equal(OrganizationWorld.Consumer, body["event"]!["account"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_configuration_update_is_alerted_once_and_the_last_good_one_still_judges()
    {
        using var world = await OrganizationWorld.CreateAsync(moto);
        await world.PutConfigAsync(ConfigDocumentWriter.Write(OrganizationWorld.Document));
        var function = new BucketPolicyFunction(world.DeployedHost());
        await world.PutProducerPolicyAsync(OrganizationWorld.GrantPolicy);
        Assert.Equal("ok", (await Sandbox.InvokeAsync(function.Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Producer, OrganizationWorld.GrantPolicy)))["outcome"]!.GetValue<string>());

        await world.PutConfigAsync("{\"version\": 1, \"paths\": [{\"name\": \"sales\"}]}");
        await world.PutProducerPolicyAsync(OrganizationWorld.LockoutPolicy);
        var result = await Sandbox.InvokeAsync(function.Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Producer, OrganizationWorld.LockoutPolicy));
        await Sandbox.InvokeAsync(function.Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Stranger, OrganizationWorld.LockoutPolicy));

        Assert.Equal("rolled-back", result["outcome"]!.GetValue<string>());
        var alerts = await world.Sandbox.AlertsAsync();
        var invalid = Assert.Single(alerts, a => a["Subject"]!.GetValue<string>().StartsWith("[CONFIG INVALID]", StringComparison.Ordinal));
        var body = JsonNode.Parse(invalid["Message"]!.GetValue<string>())!;
        Assert.Equal("critical", body["severity"]!.GetValue<string>());
        Assert.True(body["keptLastGood"]!.GetValue<bool>());
        Assert.Contains(body["problems"]!.AsArray(), p => p!.GetValue<string>().StartsWith("$.paths[0].roleChain: missing", StringComparison.Ordinal));
        Assert.Single(alerts, a => a["Subject"]!.GetValue<string>().StartsWith("[ROLLED BACK]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cold_start_with_a_document_of_another_organization_alerts_and_judges_nothing()
    {
        using var world = await OrganizationWorld.CreateAsync(moto);
        var foreign = OrganizationWorld.Document with { Organization = OrganizationWorld.Document.Organization! with { Id = "o-zzzzzzzzzz" } };
        await world.PutConfigAsync(ConfigDocumentWriter.Write(foreign));
        await world.PutProducerPolicyAsync(OrganizationWorld.LockoutPolicy);

        var failure = await Assert.ThrowsAsync<GuardrailConfigException>(() => Sandbox.InvokeAsync(new BucketPolicyFunction(world.DeployedHost()).Handle, OrganizationWorld.BucketEvent(OrganizationWorld.Producer, OrganizationWorld.LockoutPolicy)));

        Assert.Contains("never been valid", failure.Message, StringComparison.Ordinal);
        var alert = Assert.Single(await world.Sandbox.AlertsAsync());
        var body = JsonNode.Parse(alert["Message"]!.GetValue<string>())!;
        Assert.False(body["keptLastGood"]!.GetValue<bool>());
        Assert.StartsWith("$.organization.id: \"o-zzzzzzzzzz\" is not the organization", Assert.Single(body["problems"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Sandbox.SamePolicy(OrganizationWorld.LockoutPolicy, await world.ProducerPolicyAsync()));
    }
}
