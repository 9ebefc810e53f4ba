using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Tests.Fakes;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests;

/// <summary>
/// The failure reproductions of issue 8, end to end against moto: a killed invocation, SNS failing after a rollback,
/// a rollback write that throws, a drift scan with a resource that cannot be judged.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class FailSafeTests(MotoServer moto)
{
    private const string EventId = "0f1e2d3c-4b5a-6978-8a9b-000000000001";
    private static readonly (string, string) RollbackOn = ("GUARDRAIL_ROLLBACK", "true");

    private static Task<JsonObject> JudgeAsync(FunctionHost host, string eventJson) =>
        Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, eventJson);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static async Task RecordKnownGoodAsync(Sandbox sandbox)
    {
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));
        Assert.Equal("ok", Text((await JudgeAsync(sandbox.Host(), Sandbox.Event("bucket-put-benign")))["outcome"]));
    }

    [Fact]
    public async Task A_killed_invocation_leaves_an_in_progress_claim_that_the_retry_after_its_expiry_judges_and_alerts()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await RecordKnownGoodAsync(sandbox);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        using var slowS3 = new SlowEndpoint();

        // guardrail invoke as a child process, S3 hung: it claims the event, then hangs reading the policy; kill it hard.
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "guardrail"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "invoke", "--function", "bucket-policy", "--event", Path.Combine(Paths.Root, "events", "bucket-put-vpce-lockout.json") },
        };
        foreach (var (key, value) in sandbox.Environment(RollbackOn, ("GUARDRAIL_TIMEOUT_SECONDS", "120"), ("AWS_ENDPOINT_URL_S3", slowS3.Url.ToString())))
        {
            start.Environment[key] = value;
        }

        var claimKey = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { ["pk"] = new($"event#{sandbox.ClaimKey(File.ReadAllText(Path.Combine(Paths.Root, "events", "bucket-put-vpce-lockout.json")))}") };
        Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? claim = null;
        var watch = Stopwatch.StartNew();
        using (var child = Process.Start(start)!)
        {
            // Kill it hard (as Lambda does at its timeout) once it holds the claim and is stuck on S3.
            while (claim is not { Count: > 0 } && !child.HasExited && watch.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(100);
                claim = (await sandbox.Dynamo.GetItemAsync(new GetItemRequest { TableName = Sandbox.Table, Key = claimKey, ConsistentRead = true })).Item;
            }

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        Assert.NotNull(claim);

        // The same event as delivered again: the same bytes (EventBridge and Lambda retry the event as it was).
        var delivered = File.ReadAllText(Path.Combine(Paths.Root, "events", "bucket-put-vpce-lockout.json"));
        var duplicate = await JudgeAsync(sandbox.Host(RollbackOn), delivered);
        var alertsWhileInProgress = (await sandbox.AlertsAsync()).Count;

        // Lambda's retry comes after the claim's expiry (the 120 s deadline + a few seconds).
        var later = new ShiftableTime { Offset = TimeSpan.FromMinutes(3) };
        var retry = await JudgeAsync(sandbox.Host(new SocketsHttpHandler(), null, later, RollbackOn), delivered);

        Assert.Equal("in-progress", claim["state"].S);
        Assert.Equal("duplicate", Text(duplicate["outcome"]));
        Assert.Equal(0, alertsWhileInProgress);
        Assert.Equal("rolled-back", Text(retry["outcome"]));
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync()));
        var alert = Assert.Single(await sandbox.AlertsAsync());

        // The retry's alert is late, and says so.
        Assert.StartsWith("[DELAYED][ROLLED BACK]", Text(alert["Subject"]), StringComparison.Ordinal);
        Assert.Equal("retry", Text(alert["MessageAttributes"]!["delivery"]!["Value"]));
        Assert.Contains("earlier attempt claimed this event", sandbox.Log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bucket-policy", "AWS_ENDPOINT_URL_S3", "bucket-put-vpce-lockout")]
    [InlineData("trust-policy", "AWS_ENDPOINT_URL_IAM", "trust-update-redshift-removed")]
    public async Task A_hung_endpoint_stops_the_invocation_at_its_deadline_with_a_could_not_judge_alert_and_the_event_given_back(string function, string endpointVariable, string eventName)
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        using var hung = new SlowEndpoint();
        Func<FunctionHost, Func<Stream, Task<Stream>>> handler = function == "bucket-policy" ? h => new BucketPolicyFunction(h).Handle : h => new TrustPolicyFunction(h).Handle;

        var failure = await Assert.ThrowsAsync<FunctionFailedException>(() => Sandbox.InvokeAsync(handler(sandbox.Host(("GUARDRAIL_TIMEOUT_SECONDS", "5"), (endpointVariable, hung.Url.ToString()))), Sandbox.Event(eventName)));
        var retry = await Sandbox.InvokeAsync(handler(sandbox.Host()), Sandbox.Event(eventName));

        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
        var couldNotJudge = Assert.Single(await sandbox.AlertsAsync(), a => Text(a["MessageAttributes"]!["outcome"]!["Value"]) == "could-not-judge");
        Assert.Equal("deadline", Text(JsonNode.Parse(Text(couldNotJudge["Message"]))!["reasonCode"]));
        Assert.NotEqual("duplicate", Text(retry["outcome"]));
    }

    [Fact]
    public async Task When_sns_fails_after_a_rollback_the_retry_publishes_the_alert_saying_what_was_done()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await RecordKnownGoodAsync(sandbox);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        using var snsDown = new FaultInjectingHandler(-1, HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<Aws.Query.AwsServiceException>(() => JudgeAsync(sandbox.Host(snsDown, null, null, RollbackOn), Sandbox.Event("bucket-put-vpce-lockout")));
        var restored = Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync());
        var retry = await JudgeAsync(sandbox.Host(RollbackOn), Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.True(restored);
        Assert.Equal("rolled-back", Text(retry["outcome"]));
        Assert.True(retry["delayedAlert"]!.GetValue<bool>());
        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.StartsWith("[DELAYED][ROLLED BACK]", Text(alert["Subject"]), StringComparison.Ordinal);
        Assert.Equal("retry", Text(alert["MessageAttributes"]!["delivery"]!["Value"]));
        var note = Text(JsonNode.Parse(Text(alert["Message"]))!["delivery"]!["note"]);
        Assert.Contains("rolled the policy back at", note, StringComparison.Ordinal);
        Assert.Contains("InternalFailure", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_write_that_throws_is_alerted_as_rollback_failed_then_the_invocation_fails()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await RecordKnownGoodAsync(sandbox);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        var host = sandbox.Host(new SocketsHttpHandler(), s3 => new ScriptedBucketPolicies(s3) { BeforePut = _ => throw new AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied" } }, null, RollbackOn);

        await Assert.ThrowsAsync<FunctionFailedException>(() => JudgeAsync(host, Sandbox.Event("bucket-put-vpce-lockout")));

        var alert = Assert.Single(await sandbox.AlertsAsync());
        Assert.Equal("rollback-failed", Text(alert["MessageAttributes"]!["outcome"]!["Value"]));
        Assert.Equal("critical", Text(alert["MessageAttributes"]!["severity"]!["Value"]));
        Assert.StartsWith("[ROLLBACK FAILED]", Text(alert["Subject"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drift_scan_reports_a_resource_it_cannot_judge_and_finishes_the_sweep()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        const string second = "amzn-s3-demo-bucket-2";
        await sandbox.S3.PutBucketAsync(new PutBucketRequest { BucketName = second });
        await sandbox.S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = second, Policy = Sandbox.Policy("bucket-put-presigned-blocked").Replace(Sandbox.Bucket, second, StringComparison.Ordinal) });
        var host = sandbox.Host(
            new SocketsHttpHandler(),
            s3 => new ScriptedBucketPolicies(s3) { BeforeGet = b => _ = b == Sandbox.Bucket ? throw new InvalidOperationException("a bug judging this bucket") : 0 },
            null,
            ("GUARDRAIL_PROTECTED_BUCKETS", $"{Sandbox.Bucket},{second}"));

        var result = await Sandbox.InvokeAsync(new DriftScanFunction(host).Handle, Sandbox.Event("drift-scan-schedule"));

        Assert.Equal("could-not-judge", Text(result["outcome"]));
        var resources = result["resources"]!.AsArray();
        Assert.Contains(resources, r => Text(r!["resource"]!["name"]) == $"s3://{Sandbox.Bucket}" && Text(r["outcome"]) == "could-not-judge" && Text(r["reason"]).StartsWith("InvalidOperationException", StringComparison.Ordinal));
        Assert.Contains(resources, r => Text(r!["resource"]!["name"]) == $"s3://{second}" && Text(r["outcome"]) == "alerted");
        Assert.Contains(resources, r => Text(r!["resource"]!["type"]) == "trust-policy" && Text(r["outcome"]) == "ok");
        var alerts = await sandbox.AlertsAsync();
        Assert.Equal(["could-not-judge", "alerted"], alerts.Select(a => Text(a["MessageAttributes"]!["outcome"]!["Value"])).Order().Reverse());
    }
}
