using Guardrail.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Tests;

/// <summary>
/// The deploy-time baseline (issue 8, item 4): the drift-scan function answering a CloudFormation custom-resource
/// request, with moto for AWS and a local listener for the presigned response URL.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class BaselineResourceTests(MotoServer moto)
{
    private static string Request(ResponseUrlListener responseUrl, string type = "Create", Action<JsonObject>? change = null) =>
        Sandbox.Event("cfn-baseline-create", e =>
        {
            e["RequestType"] = type;
            e["ResponseURL"] = new Uri(responseUrl.Url, "stack/DeployTimeBaseline?X-Amz-Signature=abc").ToString();
            if (type != "Create")
            {
                e["PhysicalResourceId"] = "DeployTimeBaseline-first";
            }

            change?.Invoke(e);
        });

    /// <summary>Runs the handler; returns what it returned and the one response CloudFormation received.</summary>
    private static async Task<(JsonObject Returned, JsonObject Answer)> DeployAsync(FunctionHost host, ResponseUrlListener responseUrl, string request)
    {
        var returned = await Sandbox.InvokeAsync(new DriftScanFunction(host).Handle, request);
        var put = Assert.Single(responseUrl.Requests);
        Assert.Equal("PUT", put.Method);
        Assert.Null(put.ContentType);
        Assert.Equal("/stack/DeployTimeBaseline?X-Amz-Signature=abc", put.PathAndQuery);
        var answer = JsonNode.Parse(put.Body)!.AsObject();
        Assert.True(JsonNode.DeepEquals(answer, returned), "the handler returns what it sent");
        var sent = JsonNode.Parse(request)!;
        foreach (var id in new[] { "StackId", "RequestId", "LogicalResourceId" })
        {
            Assert.Equal(sent[id]!.GetValue<string>(), answer[id]!.GetValue<string>());
        }

        return (returned, answer);
    }

    [Fact]
    public async Task Create_records_the_baseline_so_the_first_bad_change_can_be_rolled_back()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var responseUrl = new ResponseUrlListener();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));
        var host = sandbox.Host(("GUARDRAIL_ROLLBACK", "true"));

        var (_, answer) = await DeployAsync(host, responseUrl, Request(responseUrl));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        var firstChange = await Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("SUCCESS", answer["Status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer["PhysicalResourceId"]!.GetValue<string>()));
        Assert.Equal("2", answer["Data"]!["Resources"]!.GetValue<string>());
        Assert.Equal("0", answer["Data"]!["Alerted"]!.GetValue<string>());
        Assert.Equal("rolled-back", firstChange["outcome"]!.GetValue<string>());
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync()));
    }

    [Fact]
    public async Task A_protected_bucket_that_is_already_broken_is_alerted_and_the_deployment_still_succeeds()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var responseUrl = new ResponseUrlListener();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var (_, answer) = await DeployAsync(sandbox.Host(), responseUrl, Request(responseUrl, "Update"));

        Assert.Equal("SUCCESS", answer["Status"]!.GetValue<string>());
        Assert.Equal("DeployTimeBaseline-first", answer["PhysicalResourceId"]!.GetValue<string>());
        Assert.Equal("1", answer["Data"]!["Alerted"]!.GetValue<string>());
        Assert.Single(await sandbox.AlertsAsync());
    }

    [Fact]
    public async Task Delete_answers_success_and_scans_nothing()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var responseUrl = new ResponseUrlListener();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var (_, answer) = await DeployAsync(sandbox.Host(), responseUrl, Request(responseUrl, "Delete"));

        Assert.Equal("SUCCESS", answer["Status"]!.GetValue<string>());
        Assert.Equal("DeployTimeBaseline-first", answer["PhysicalResourceId"]!.GetValue<string>());
        Assert.Empty(await sandbox.AlertsAsync());
        Assert.Empty((await sandbox.Dynamo.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = Sandbox.Table })).Items);
    }

    [Fact]
    public async Task A_scan_that_cannot_run_answers_failed_with_the_reason()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var responseUrl = new ResponseUrlListener();
        using var s3 = new ResponseUrlListener(_ => (403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"));
        var host = sandbox.Host(("GUARDRAIL_PROTECTED_BUCKETS", "*"), ("AWS_ENDPOINT_URL_S3", s3.Url.ToString()));

        var (_, answer) = await DeployAsync(host, responseUrl, Request(responseUrl));

        Assert.Equal("FAILED", answer["Status"]!.GetValue<string>());
        Assert.Contains("the drift scan could not run", answer["Reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Access Denied", answer["Reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_that_cannot_finish_answers_failed_before_the_function_times_out()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var responseUrl = new ResponseUrlListener();

        // Accepts connections and never answers.
        var s3 = new TcpListener(IPAddress.Loopback, 0);
        s3.Start();
        try
        {
            var host = sandbox.Host(("GUARDRAIL_TIMEOUT_SECONDS", "3"), ("AWS_ENDPOINT_URL_S3", $"http://127.0.0.1:{((IPEndPoint)s3.LocalEndpoint).Port}/"));
            var clock = Stopwatch.StartNew();

            var (_, answer) = await DeployAsync(host, responseUrl, Request(responseUrl));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"answered after {clock.Elapsed}");
            Assert.Equal("FAILED", answer["Status"]!.GetValue<string>());
            Assert.Contains("did not finish within 2 s", answer["Reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            s3.Stop();
        }
    }

    [Fact]
    public async Task The_answer_is_retried_when_the_response_url_fails_and_the_invocation_fails_when_it_never_takes_it()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var flaky = new ResponseUrlListener(n => n == 1 ? (503, "SlowDown") : (200, string.Empty));
        using var refusing = new ResponseUrlListener(_ => (403, "<Error><Code>AccessDenied</Code></Error>"));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));

        await Sandbox.InvokeAsync(new DriftScanFunction(sandbox.Host()).Handle, Request(flaky));
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Sandbox.InvokeAsync(new DriftScanFunction(sandbox.Host()).Handle, Request(refusing)));

        Assert.Equal(2, flaky.Requests.Count);
        Assert.Equal("SUCCESS", JsonNode.Parse(flaky.Requests[1].Body)!["Status"]!.GetValue<string>());
        Assert.Single(refusing.Requests);
        Assert.Contains("HTTP 403", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_cannot_be_answered_is_an_invalid_event_and_the_stack_id_never_decides_the_account()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var responseUrl = new ResponseUrlListener();

        var noUrl = await Assert.ThrowsAsync<InvalidEventException>(() => Sandbox.InvokeAsync(new DriftScanFunction(sandbox.Host()).Handle, Request(responseUrl, change: e => e["ResponseURL"] = "not a url")));
        var noIds = await Assert.ThrowsAsync<InvalidEventException>(() => Sandbox.InvokeAsync(new DriftScanFunction(sandbox.Host()).Handle, Request(responseUrl, change: e => e.Remove("RequestId"))));
        var halfPair = await Assert.ThrowsAsync<InvalidEventException>(() => Sandbox.InvokeAsync(new DriftScanFunction(sandbox.Host()).Handle, Request(responseUrl, change: e => e["LogicalResourceId"] = "HALF").Replace("HALF", "\\ud800", StringComparison.Ordinal)));
        var (_, answer) = await DeployAsync(sandbox.Host(), responseUrl, Request(responseUrl, change: e => e["StackId"] = "arn:aws:cloudformation:us-east-1:garbage:stack/x/y"));

        Assert.Contains("ResponseURL", noUrl.Message, StringComparison.Ordinal);
        Assert.Contains("RequestId", noIds.Message, StringComparison.Ordinal);
        Assert.Contains("LogicalResourceId", halfPair.Message, StringComparison.Ordinal);
        // The buckets scanned are the configured account's (GUARDRAIL_ACCOUNT_ID); the request's StackId is not read for it.
        Assert.Equal("SUCCESS", answer["Status"]!.GetValue<string>());
    }
}
