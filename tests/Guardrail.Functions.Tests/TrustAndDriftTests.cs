using Guardrail.Testing;
using System.Text.Json.Nodes;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Query;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Tests;

[Collection(MotoCollection.Name)]
public sealed class TrustAndDriftTests(MotoServer moto)
{
    private static async Task UpdateTrustAsync(Sandbox sandbox, string eventName) =>
        await sandbox.IamQuery.CallAsync("UpdateAssumeRolePolicy", [new("RoleName", "redshift"), new("PolicyDocument", Sandbox.Policy(eventName))], CancellationToken.None);

    private static async Task<string> LiveTrustAsync(Sandbox sandbox) =>
        (await new QueryIamRoles(sandbox.IamQuery).GetTrustPolicyAsync("redshift", CancellationToken.None)).PolicyDocument;

    [Fact]
    public async Task A_trust_policy_that_drops_redshift_is_rolled_back_through_iam()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(("GUARDRAIL_ROLLBACK", "true"));
        var baseline = await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("trust-update-benign"));
        await UpdateTrustAsync(sandbox, "trust-update-redshift-removed");

        var result = await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("trust-update-redshift-removed"));

        Assert.Equal("ok", baseline["outcome"]!.GetValue<string>());
        Assert.Equal("rolled-back", result["outcome"]!.GetValue<string>());
        Assert.Contains("trust-missing-redshift", result.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("redshift.amazonaws.com", await LiveTrustAsync(sandbox), StringComparison.Ordinal);
        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.Equal("trust-policy", alert["MessageAttributes"]!["resourceType"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_trust_policy_that_admits_a_stranger_is_alerted_as_weakened_and_not_rolled_back()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(("GUARDRAIL_ROLLBACK", "true"));
        await UpdateTrustAsync(sandbox, "trust-update-stranger-added");

        var result = await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("trust-update-stranger-added"));

        Assert.Equal("alerted", result["outcome"]!.GetValue<string>());
        Assert.Equal("ok", result["verdict"]!.GetValue<string>());
        Assert.Equal("weakened", result["security"]!.GetValue<string>());
        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.StartsWith("[WEAKENED] trust-policy", alert["Subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("210987654321", await LiveTrustAsync(sandbox), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_for_other_roles_or_the_wrong_function_are_ignored()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();

        var otherRole = await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("trust-update-redshift-removed", e => e["detail"]!["requestParameters"]!["roleName"] = "analytics"));
        var wrongFunction = await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("ignored", otherRole["outcome"]!.GetValue<string>());
        Assert.Equal("ignored", wrongFunction["outcome"]!.GetValue<string>());
        Assert.Contains("handles IAM UpdateAssumeRolePolicy", wrongFunction["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await sandbox.AlertsAsync());
    }

    [Fact]
    public async Task The_drift_scan_records_baselines_and_alerts_once_on_what_events_missed()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-presigned-blocked"));

        var first = await Sandbox.InvokeAsync(new DriftScanFunction(host).Handle, Sandbox.Event("drift-scan-schedule"));
        var second = await Sandbox.InvokeAsync(new DriftScanFunction(host).Handle, Sandbox.Event("drift-scan-schedule"));

        Assert.Equal("alerted", first["outcome"]!.GetValue<string>());
        var resources = first["resources"]!.AsArray();
        Assert.Contains(resources, r => r!["resource"]!["name"]!.GetValue<string>() == "s3://amzn-s3-demo-bucket" && r["outcome"]!.GetValue<string>() == "alerted");
        Assert.Contains(resources, r => r!["resource"]!["type"]!.GetValue<string>() == "trust-policy" && r["reason"]!.GetValue<string>() == "recorded as the known-good baseline");
        Assert.Equal("ok", second["outcome"]!.GetValue<string>());
        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.Contains("presigned-url-blocked", alert["MessageAttributes"]!["rules"]!["Value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_configuration_lists_every_problem_at_once()
    {
        var env = new Dictionary<string, string>
        {
            ["GUARDRAIL_TOPIC_ARN"] = "not-an-arn",
            ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:user/bob",
            ["GUARDRAIL_ROLLBACK"] = "yes",
            ["GUARDRAIL_CLUSTER"] = "dc2",
            ["GUARDRAIL_MAX_ROLLBACKS"] = "0",
        };

        var e = Assert.Throws<GuardrailConfigException>(() => FunctionHost.FromEnvironment("test", name => env.GetValueOrDefault(name)));

        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_TOPIC_ARN \"not-an-arn\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_STATE_TABLE is required", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_SPECTRUM_ROLES:", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_PROTECTED_BUCKETS is required", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_ROLLBACK: \"yes\" is not a kind of change", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_CLUSTER \"dc2\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_MAX_ROLLBACKS \"0\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_ACCOUNT_ID is required", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GUARDRAIL_STATE_KEY_ID is required", StringComparison.Ordinal));
        Assert.Equal(9, e.Problems.Count);
    }
}
