using System.Text;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Guardrail.Aws.Query;
using Guardrail.Testing;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The template's EventBridge rules, as SAM would deploy them, in moto's EventBridge with an SQS target each: every
/// file of events/ is put on the default bus and must reach exactly the function it is for.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class EventRoutingTests(MotoServer moto)
{
    public static TheoryData<string, string?> Routes => new()
    {
        { "bucket-put-vpce-lockout", "BucketPolicyFunction" },
        { "bucket-put-policy-as-string", "BucketPolicyFunction" },
        { "bucket-put-presigned-blocked", "BucketPolicyFunction" },
        { "bucket-put-short-signature-age", "BucketPolicyFunction" },
        { "bucket-put-benign", "BucketPolicyFunction" },
        { "bucket-delete-policy", "BucketPolicyFunction" },
        { "bucket-put-parameters-omitted", "BucketPolicyFunction" },
        { "bucket-put-guardrail-rollback", "BucketPolicyFunction" },
        { "bucket-put-failed-call", null },
        { "trust-update-redshift-removed", "TrustPolicyFunction" },
        { "trust-update-stranger-added", "TrustPolicyFunction" },
        { "trust-update-benign", "TrustPolicyFunction" },
        { "unrelated-s3-put-bucket-tagging", null },
        { "unrelated-iam-create-role", null },
        { "drift-scan-schedule", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_event_reaches_only_its_function(string eventFile, string? function)
    {
        await moto.ResetAsync();
        using var events = AwsHttp.CreateSignedClient("events", "us-east-1");
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString() });
        var queues = new Dictionary<string, string>();
        var rules = TemplateTool.OfType(TemplateTool.Resources(), "AWS::Events::Rule").Where(r => r.Resource["Properties"]!["EventPattern"] is not null).ToList();
        Assert.Equal(2, rules.Count);
        foreach (var (logical, rule) in rules)
        {
            var target = rule["Properties"]!["Targets"]![0]!;
            Assert.NotNull(target["RetryPolicy"]);
            Assert.NotNull(target["DeadLetterConfig"]!["Arn"]);
            var ruleFunction = logical.StartsWith("BucketPolicyFunction", StringComparison.Ordinal) ? "BucketPolicyFunction" : "TrustPolicyFunction";
            var queueUrl = (await sqs.CreateQueueAsync(ruleFunction)).QueueUrl;
            queues[ruleFunction] = queueUrl;
            var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
            await CallAsync(events, "PutRule", new JsonObject { ["Name"] = logical, ["EventPattern"] = rule["Properties"]!["EventPattern"]!.ToJsonString(), ["State"] = "ENABLED" });
            await CallAsync(events, "PutTargets", new JsonObject { ["Rule"] = logical, ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "function", ["Arn"] = queueArn }) });
        }

        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(Processes.Root, "events", eventFile + ".json")))!;
        var entry = new JsonObject
        {
            ["Source"] = envelope["source"]!.GetValue<string>(),
            ["DetailType"] = envelope["detail-type"]!.GetValue<string>(),
            ["Detail"] = envelope["detail"]!.ToJsonString(),
            ["Resources"] = envelope["resources"]!.DeepClone(),
        };
        var put = await CallAsync(events, "PutEvents", new JsonObject { ["Entries"] = new JsonArray(entry) });
        Assert.Equal(0, put["FailedEntryCount"]!.GetValue<int>());

        foreach (var (queueFunction, queueUrl) in queues)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            var count = received.Messages?.Count ?? 0;
            Assert.True(count == (queueFunction == function ? 1 : 0), $"{eventFile} reached {queueFunction} {count} time(s)");
        }
    }

    private async Task<JsonObject> CallAsync(HttpClient http, string action, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, moto.Endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"AWSEvents.{action}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject();
    }
}
