using System.Text.Json.Nodes;
using Guardrail.Functions.Tests.Fakes;
using Guardrail.Testing;
using Xunit.Abstractions;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Figures for issue 8 against moto: 20 parallel deliveries of one event, 20 parallel distinct events, and a
/// 50-event sequence, with the alerts and rollbacks each produces (printed to the test output).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class LoadTests(MotoServer moto, ITestOutputHelper output)
{
    private static readonly (string, string) RollbackOn = ("GUARDRAIL_ROLLBACK", "true");

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static Action<JsonObject> EventId(string id) => e => e["detail"]!["eventID"] = id;

    private static async Task<(FunctionHost Host, ScriptedBucketPolicies S3)> ArmedAsync(Sandbox sandbox, params (string, string)[] overrides)
    {
        ScriptedBucketPolicies? s3 = null;
        var host = sandbox.Host(new SocketsHttpHandler(), inner => s3 = new ScriptedBucketPolicies(inner), null, [RollbackOn, .. overrides]);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));
        Assert.Equal("ok", Text((await Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event("bucket-put-benign")))["outcome"]));
        return (host, s3!);
    }

    [Fact]
    public async Task Twenty_parallel_deliveries_of_one_event_give_one_alert_and_one_rollback()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var (host, s3) = await ArmedAsync(sandbox);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event("bucket-put-vpce-lockout")))));

        var outcomes = results.Select(r => Text(r["outcome"])).ToList();
        var alerts = await sandbox.AlertsAsync();
        output.WriteLine($"20 deliveries of one event: {outcomes.Count(o => o == "rolled-back")} rolled-back, {outcomes.Count(o => o == "duplicate")} duplicate; {alerts.Count} alert(s), {s3.Puts} rollback write(s)");
        Assert.Equal(1, outcomes.Count(o => o == "rolled-back"));
        Assert.Equal(19, outcomes.Count(o => o == "duplicate"));
        Assert.Single(alerts);
        Assert.Equal(1, s3.Puts);
    }

    [Fact]
    public async Task Twenty_parallel_distinct_events_never_call_the_guardrails_own_rollback_someone_elses_change()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var (host, s3) = await ArmedAsync(sandbox, ("GUARDRAIL_MAX_ROLLBACKS", "20"));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event("bucket-put-vpce-lockout", EventId($"distinct-{i}"))))));

        var alerts = await sandbox.AlertsAsync();
        var codes = alerts.Select(a => JsonNode.Parse(Text(a["Message"]))!["reasonCode"]?.GetValue<string>() ?? "none").ToList();
        var outcomes = results.Select(r => Text(r["outcome"])).ToList();
        output.WriteLine($"20 distinct events: outcomes {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} {g.Count()}"))}; {alerts.Count} alerts, reason codes {string.Join(", ", codes.GroupBy(c => c).Select(g => $"{g.Key} {g.Count()}"))}; {s3.Puts} rollback write(s)");
        Assert.DoesNotContain("newer-change-by-other", codes);
        Assert.All(results.Where(r => Text(r["outcome"]) == "rollback-skipped"), r => Assert.Contains(Text(r["reasonCode"]), new[] { "newer-change-by-guardrail", "rollback-in-progress" }));
        Assert.Equal(1, s3.Puts);
        Assert.DoesNotContain(alerts, a => Text(a["Message"]).Contains("changed again", StringComparison.Ordinal));
        Assert.Contains("rolled-back", outcomes);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "rolled-back", "rollback-skipped", "ok" }));
        Assert.Equal(outcomes.Count(o => o != "ok"), alerts.Count);
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync()));
    }

    [Fact]
    public async Task A_sequence_of_fifty_events_alerts_on_every_bad_change_and_stops_rolling_back_at_the_circuit_breaker()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var (host, s3) = await ArmedAsync(sandbox);
        var outcomes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var name = i % 2 == 0 ? "bucket-put-benign" : "bucket-put-vpce-lockout";
            await sandbox.PutPolicyAsync(Sandbox.Policy(name));
            outcomes.Add(Text((await Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event(name, EventId($"sequence-{i}"))))["outcome"]));
        }

        var alerts = await sandbox.AlertsAsync();
        output.WriteLine($"50 events: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} {g.Count()}"))}; {alerts.Count} alerts; {s3.Puts} rollback writes");
        Assert.Equal(25, outcomes.Count(o => o == "ok"));
        Assert.Equal(3, outcomes.Count(o => o == "rolled-back"));
        Assert.Equal(22, outcomes.Count(o => o == "circuit-open"));
        Assert.Equal(25, alerts.Count);
        Assert.Equal(3, s3.Puts);
    }
}
