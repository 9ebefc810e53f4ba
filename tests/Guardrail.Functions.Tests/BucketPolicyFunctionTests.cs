using Guardrail.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Guardrail.Aws.S3;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Tests;

[Collection(MotoCollection.Name)]
public sealed class BucketPolicyFunctionTests(MotoServer moto)
{
    private static readonly (string, string) RollbackOn = ("GUARDRAIL_ROLLBACK", "true");

    private static Action<JsonObject> NewEventId() => e => e["detail"]!["eventID"] = Guid.NewGuid().ToString();

    private static async Task<JsonObject> JudgeAsync(FunctionHost host, string eventJson) =>
        await Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, eventJson);

    /// <summary>Applies the seed-following policy and lets the function record it as known-good.</summary>
    private static async Task RecordKnownGoodAsync(Sandbox sandbox, FunctionHost host)
    {
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));
        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-benign"));
        Assert.Equal("ok", result["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_vpc_endpoint_lockout_is_alerted_and_rolled_back_to_the_known_good_policy()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn);
        await RecordKnownGoodAsync(sandbox, host);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rolled-back", result["outcome"]!.GetValue<string>());
        Assert.Equal("breaks", result["verdict"]!.GetValue<string>());
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync()));
        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.StartsWith("[ROLLED BACK] bucket-policy s3://amzn-s3-demo-bucket by PlatformAdmin/jdoe", alert["Subject"]!.GetValue<string>(), StringComparison.Ordinal);
        var attributes = alert["MessageAttributes"]!;
        Assert.Equal("breaks", attributes["verdict"]!["Value"]!.GetValue<string>());
        Assert.Equal("rolled-back", attributes["outcome"]!["Value"]!.GetValue<string>());
        Assert.Equal("bucket-policy", attributes["resourceType"]!["Value"]!.GetValue<string>());
        Assert.Equal("high", attributes["severity"]!["Value"]!.GetValue<string>());
        Assert.Equal("String.Array", attributes["rules"]!["Type"]!.GetValue<string>());
        Assert.Contains("vpce-restriction", attributes["rules"]!["Value"]!.GetValue<string>(), StringComparison.Ordinal);
        var body = JsonNode.Parse(alert["Message"]!.GetValue<string>())!;
        Assert.Equal("breaks", body["verdict"]!.GetValue<string>());
        Assert.Equal("0f1e2d3c-4b5a-6978-8a9b-000000000001", body["event"]!["id"]!.GetValue<string>());
        Assert.Equal("DenyOutsideOurVpcEndpoint", body["findings"]![0]!["statement"]!.GetValue<string>());
        Assert.Contains(body["diff"]!.AsArray(), d => d!["statement"]!.GetValue<string>() == "DenyOutsideOurVpcEndpoint" && d["kind"]!.GetValue<string>() == "added");
        Assert.NotEqual(body["policyHash"]!["knownGood"]!.GetValue<string>(), body["policyHash"]!["judged"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_rollback_the_change_is_alerted_and_left_in_place()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        await RecordKnownGoodAsync(sandbox, host);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-short-signature-age"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-short-signature-age"));

        Assert.Equal("alerted", result["outcome"]!.GetValue<string>());
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-short-signature-age"), await sandbox.LivePolicyAsync()));
        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.Contains("signature-age-too-short", alert["MessageAttributes"]!["rules"]!["Value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_delivery_publishes_one_alert_and_says_so()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var first = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));
        var second = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("alerted", first["outcome"]!.GetValue<string>());
        Assert.Equal("duplicate", second["outcome"]!.GetValue<string>());
        Assert.Single(await sandbox.AlertsAsync());
        Assert.Contains("duplicate delivery", sandbox.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_break_glass_marker_is_on_a_change_is_alerted_but_never_rolled_back()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn, ("GUARDRAIL_BREAK_GLASS_ROLES", "arn:aws:iam::123456789012:role/PlatformAdmin"));
        await RecordKnownGoodAsync(sandbox, host);
        await sandbox.SetBreakGlassAsync(Sandbox.UtcText(DateTimeOffset.UtcNow.AddHours(1)));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("alerted", result["outcome"]!.GetValue<string>());
        Assert.Contains("break-glass", result["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-vpce-lockout"), await sandbox.LivePolicyAsync()));
        Assert.Single(await sandbox.AlertsAsync());
    }

    [Fact]
    public async Task A_change_reapplied_over_and_over_opens_the_circuit_breaker()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn, ("GUARDRAIL_MAX_ROLLBACKS", "2"));
        await RecordKnownGoodAsync(sandbox, host);

        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
            var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout", NewEventId()));
            outcomes.Add(result["outcome"]!.GetValue<string>());
        }

        Assert.Equal(["rolled-back", "rolled-back", "circuit-open"], outcomes);
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-vpce-lockout"), await sandbox.LivePolicyAsync()));
        var last = (await sandbox.AlertsAsync())[^1];
        Assert.StartsWith("[CIRCUIT BREAKER]", last["Subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("critical", last["MessageAttributes"]!["severity"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_guardrails_own_rollback_event_is_judged_like_any_other_and_recorded_as_known_good()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-guardrail-rollback"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-guardrail-rollback"));

        Assert.Equal("ok", result["outcome"]!.GetValue<string>());
        Assert.Empty(await sandbox.AlertsAsync());
        Assert.NotNull(await sandbox.Tamperer.GetAsync($"knowngood#bucket#{Sandbox.Bucket}"));
    }

    [Fact]
    public async Task A_newer_change_is_never_overwritten_by_a_rollback()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await RecordKnownGoodAsync(sandbox, sandbox.Host());
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        // Another actor applies a different policy between the guardrail's judgement and its rollback.
        var newer = Sandbox.Policy("bucket-put-short-signature-age");
        var host = sandbox.Host(new SocketsHttpHandler(), s3 => new ChangesOnSecondRead(s3, newer), null, RollbackOn);
        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rollback-skipped", result["outcome"]!.GetValue<string>());
        Assert.Equal("newer-change-by-other", result["reasonCode"]!.GetValue<string>());
        Assert.True(Sandbox.SamePolicy(newer, await sandbox.LivePolicyAsync()));
    }

    [Fact]
    public async Task Without_a_known_good_policy_nothing_is_changed()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rollback-skipped", result["outcome"]!.GetValue<string>());
        Assert.Contains("no known-good policy", result["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-vpce-lockout"), await sandbox.LivePolicyAsync()));
        Assert.Equal("rollback-skipped", Assert.Single(await sandbox.AlertsAsync())["MessageAttributes"]!["outcome"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_policy_is_a_known_good_state_and_a_rollback_restores_it_by_deleting()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn);
        var deleted = await JudgeAsync(host, Sandbox.Event("bucket-delete-policy"));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("ok", deleted["outcome"]!.GetValue<string>());
        Assert.Equal("rolled-back", result["outcome"]!.GetValue<string>());
        Assert.Contains("removed the bucket policy", result["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await sandbox.LivePolicyAsync());
    }

    [Fact]
    public async Task The_live_policy_is_judged_when_it_differs_from_the_events_copy()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        // The event says the seed-following policy was put, but a newer change has replaced it since.
        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-benign"));

        Assert.Equal("alerted", result["outcome"]!.GetValue<string>());
        Assert.True(result["newerChangeExists"]!.GetValue<bool>());
        var body = JsonNode.Parse(Assert.Single(await sandbox.AlertsAsync())["Message"]!.GetValue<string>())!;
        Assert.True(body["newerChangeExists"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Failed_calls_unprotected_buckets_and_omitted_parameters_are_handled()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var failed = await JudgeAsync(host, Sandbox.Event("bucket-put-failed-call"));
        var other = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout", e => e["detail"]!["requestParameters"]!["bucketName"] = "some-other-bucket"));
        var omitted = await JudgeAsync(host, Sandbox.Event("bucket-put-parameters-omitted"));

        Assert.Equal("ignored", failed["outcome"]!.GetValue<string>());
        Assert.Contains("AccessDenied", failed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ignored", other["outcome"]!.GetValue<string>());
        Assert.Contains("not protected", other["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Omitted parameters: the bucket comes from the record's resources and the live policy is judged.
        Assert.Equal("alerted", omitted["outcome"]!.GetValue<string>());
        Assert.Equal(2, (await sandbox.AlertsAsync()).Count + 1);
    }

    [Fact]
    public async Task Throttling_and_5xx_on_publish_are_retried()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var faults = new FaultInjectingHandler(2, HttpStatusCode.ServiceUnavailable);
        var host = sandbox.Host(faults);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("alerted", result["outcome"]!.GetValue<string>());
        Assert.Equal(3, faults.Requests);
        Assert.Single(await sandbox.AlertsAsync());
    }

    [Fact]
    public async Task A_persistent_failure_fails_the_invocation_loudly_and_a_retry_is_not_a_duplicate()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var faults = new FaultInjectingHandler(-1, HttpStatusCode.BadRequest);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var failure = await Assert.ThrowsAsync<Aws.Query.AwsServiceException>(() => JudgeAsync(sandbox.Host(faults), Sandbox.Event("bucket-put-vpce-lockout")));
        var retry = await JudgeAsync(sandbox.Host(), Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("Throttling", failure.Code);
        Assert.Equal(3, faults.Requests);
        Assert.Equal("alerted", retry["outcome"]!.GetValue<string>());
        Assert.Single(await sandbox.AlertsAsync());
    }

    [Fact]
    public async Task A_malformed_event_is_a_clear_error_and_changes_nothing()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var notJson = await Assert.ThrowsAsync<InvalidEventException>(() => JudgeAsync(host, "{\"detail\": "));
        var noDetail = await Assert.ThrowsAsync<InvalidEventException>(() => JudgeAsync(host, "{\"source\": \"aws.s3\"}"));

        Assert.Contains("not valid JSON", notJson.Message, StringComparison.Ordinal);
        Assert.Contains("no \"detail\" object", noDetail.Message, StringComparison.Ordinal);
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-vpce-lockout"), await sandbox.LivePolicyAsync()));
        Assert.Empty(await sandbox.AlertsAsync());
    }

    /// <summary>Lets the real S3 adapter through, but on the second read another actor has just put a newer policy.</summary>
    private sealed class ChangesOnSecondRead(IBucketPolicies inner, string newer) : IBucketPolicies
    {
        private int reads;

        public async Task<string?> GetAsync(string bucket, CancellationToken cancellationToken)
        {
            if (++reads == 2)
            {
                await inner.PutAsync(bucket, newer, cancellationToken);
            }

            return await inner.GetAsync(bucket, cancellationToken);
        }

        public Task PutAsync(string bucket, string policy, CancellationToken cancellationToken) => inner.PutAsync(bucket, policy, cancellationToken);

        public Task DeleteAsync(string bucket, CancellationToken cancellationToken) => inner.DeleteAsync(bucket, cancellationToken);

        public Task<IReadOnlyList<string>> ListBucketsAsync(CancellationToken cancellationToken) => inner.ListBucketsAsync(cancellationToken);
    }
}
