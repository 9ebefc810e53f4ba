using System.Text;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Guardrail.Aws.Query;
using Guardrail.Testing;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The template's EventBridge rules and the us-east-1 forwarder's, as they would be deployed, in moto's EventBridge.
/// The guardrail runs in eu-west-1, so the IAM and Organizations events, which AWS delivers only in us-east-1, must
/// cross through the forwarder. Each guardrail rule gets its own SQS queue; each file of events/ is put on the default
/// bus of the Region where AWS delivers it and must reach exactly one rule, of the function it is for.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class EventRoutingTests(MotoServer moto)
{
    private const string GuardrailRegion = "eu-west-1";
    private const string UsEast1 = "us-east-1";

    // IAM is global and Organizations is managed from us-east-1: their events reach EventBridge only there. Every
    // other service's events arrive in the resource's Region, the guardrail's.
    private static readonly HashSet<string> UsEast1Sources = ["aws.iam", "aws.organizations"];

    private static readonly Dictionary<string, string> ForwarderParameters = new()
    {
        ["GuardrailRegion"] = GuardrailRegion,
        ["ForwardOrganizations"] = "true",
    };

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
        { "access-iam-put-role-policy", "AccessPathFunction" },
        { "access-iam-delete-role-policy", "AccessPathFunction" },
        { "access-iam-attach-role-policy", "AccessPathFunction" },
        { "access-iam-detach-role-policy", "AccessPathFunction" },
        { "access-iam-put-role-permissions-boundary", "AccessPathFunction" },
        { "access-iam-delete-role-permissions-boundary", "AccessPathFunction" },
        { "access-iam-create-policy-version", "AccessPathFunction" },
        { "access-iam-set-default-policy-version", "AccessPathFunction" },
        { "access-iam-delete-role", "AccessPathFunction" },
        { "access-kms-put-key-policy", "AccessPathFunction" },
        { "access-kms-disable-key", "AccessPathFunction" },
        { "access-kms-schedule-key-deletion", "AccessPathFunction" },
        { "access-kms-revoke-grant", "AccessPathFunction" },
        { "access-kms-retire-grant", "AccessPathFunction" },
        { "access-s3-put-bucket-encryption", "AccessPathFunction" },
        { "access-s3-delete-bucket-encryption", "AccessPathFunction" },
        { "access-s3-put-bucket-ownership-controls", "AccessPathFunction" },
        { "access-s3-delete-bucket-ownership-controls", "AccessPathFunction" },
        { "access-redshift-modify-cluster-iam-roles", "AccessPathFunction" },
        { "access-redshift-modify-cluster", "AccessPathFunction" },
        { "access-redshift-serverless-update-namespace", "AccessPathFunction" },
        { "access-glue-put-resource-policy", "AccessPathFunction" },
        { "access-glue-delete-resource-policy", "AccessPathFunction" },
        { "access-organizations-update-policy", "AccessPathFunction" },
        { "access-organizations-attach-policy", "AccessPathFunction" },
        { "access-organizations-detach-policy", "AccessPathFunction" },
        { "access-lakeformation-grant-permissions", "AccessPathFunction" },
        { "access-lakeformation-revoke-permissions", "AccessPathFunction" },
        { "access-lakeformation-batch-grant-permissions", "AccessPathFunction" },
        { "access-lakeformation-batch-revoke-permissions", "AccessPathFunction" },
        { "access-lakeformation-register-resource", "AccessPathFunction" },
        { "access-lakeformation-deregister-resource", "AccessPathFunction" },
        { "access-lakeformation-update-resource", "AccessPathFunction" },
        { "access-lakeformation-put-data-lake-settings", "AccessPathFunction" },
        { "access-lakeformation-add-lf-tags-to-resource", "AccessPathFunction" },
        { "access-lakeformation-remove-lf-tags-from-resource", "AccessPathFunction" },
        { "access-lakeformation-update-lf-tag", "AccessPathFunction" },
        { "access-lakeformation-delete-lf-tag", "AccessPathFunction" },
        { "access-lakeformation-create-lake-formation-opt-in", "AccessPathFunction" },
        { "access-lakeformation-delete-lake-formation-opt-in", "AccessPathFunction" },
        { "access-ec2-modify-vpc-endpoint", "AccessPathFunction" },
        { "access-ec2-delete-vpc-endpoints", "AccessPathFunction" },
        { "access-redshift-serverless-update-workgroup", "AccessPathFunction" },
        { "access-s3-put-access-point-policy", "AccessPathFunction" },
        { "access-s3-delete-access-point-policy", "AccessPathFunction" },
        { "access-s3-delete-access-point", "AccessPathFunction" },
        { "lakeformation-revoke-failed-call", null },

        // Runtime evidence reaches the function only with WatchRuntimeFailures (below).
        { "access-lakeformation-get-data-access-failed", null },
        { "access-kms-decrypt-denied", null },
        { "unrelated-s3-put-bucket-tagging", null },
        { "unrelated-iam-create-role", null },
        { "drift-scan-schedule", null },
    };

    public static TheoryData<string> RoutedEvents()
    {
        var data = new TheoryData<string>();
        foreach (var row in Routes.Where(r => r[1] is not null))
        {
            data.Add((string)row[0]);
        }

        return data;
    }

    [Fact]
    public void Every_EventBridge_event_file_has_a_route()
    {
        // The other files (CloudFormation's custom-resource request) never pass through EventBridge.
        var files = Directory.GetFiles(Path.Combine(Processes.Root, "events"), "*.json")
            .Where(f => JsonNode.Parse(File.ReadAllText(f))!["detail-type"] is not null)
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList();

        Assert.Equal(files, Routes.Select(r => (string)r[0]).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_event_reaches_exactly_one_rule_of_its_function(string eventFile, string? function)
    {
        var envelope = ReadEvent(eventFile);

        var reached = await DeliverAsync(envelope);

        if (function is null)
        {
            Assert.True(reached.Count == 0, $"{eventFile} reached {string.Join(", ", reached)}");
        }
        else
        {
            var rule = Assert.Single(reached);
            Assert.True(rule.StartsWith(function, StringComparison.Ordinal), $"{eventFile} reached {rule}, a rule of another function than {function}");
        }
    }

    [Theory]
    [MemberData(nameof(RoutedEvents))]
    public async Task The_same_call_failed_reaches_no_rule(string eventFile)
    {
        var envelope = ReadEvent(eventFile);
        envelope["detail"]!["errorCode"] = "AccessDenied";
        envelope["detail"]!["errorMessage"] = "User is not authorized to perform this operation";

        var reached = await DeliverAsync(envelope);

        Assert.True(reached.Count == 0, $"the failed {eventFile} reached {string.Join(", ", reached)}");
    }

    private static readonly Dictionary<string, string> WatchingRuntimeFailures = new(TemplateTool.DefaultParameters) { ["WatchRuntimeFailures"] = "true" };

    [Theory]
    [InlineData("access-lakeformation-get-data-access-failed")]
    [InlineData("access-kms-decrypt-denied")]
    public async Task With_WatchRuntimeFailures_a_failed_read_by_a_Spectrum_role_reaches_the_access_path_function(string eventFile)
    {
        var reached = await DeliverAsync(ReadEvent(eventFile), WatchingRuntimeFailures);

        var rule = Assert.Single(reached);
        Assert.StartsWith("AccessPathFunction", rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("access-lakeformation-get-data-access-failed", "errorCode", null)]
    [InlineData("access-kms-decrypt-denied", "errorCode", null)]
    [InlineData("access-kms-decrypt-denied", "errorCode", "ThrottlingException")]
    [InlineData("access-lakeformation-get-data-access-failed", "role", "arn:aws:iam::123456789012:role/marketing")]
    [InlineData("access-kms-decrypt-denied", "role", "arn:aws:iam::123456789012:role/marketing")]
    [InlineData("access-kms-decrypt-denied", "invokedBy", null)]
    public async Task Reads_that_worked_or_by_other_roles_or_not_made_by_S3_reach_no_rule(string eventFile, string field, string? value)
    {
        var envelope = ReadEvent(eventFile);
        var detail = envelope["detail"]!.AsObject();
        var identity = detail["userIdentity"]!.AsObject();
        switch (field, value)
        {
            case ("errorCode", null):
                detail.Remove("errorCode");
                detail.Remove("errorMessage");
                break;
            case ("errorCode", _):
                detail["errorCode"] = value;
                break;
            case ("role", _):
                identity["sessionContext"]!["sessionIssuer"]!["arn"] = value;
                break;
            default:
                identity.Remove("invokedBy");
                break;
        }

        var reached = await DeliverAsync(envelope, WatchingRuntimeFailures);

        Assert.True(reached.Count == 0, $"{eventFile} ({field}={value ?? "none"}) reached {string.Join(", ", reached)}");
    }

    [Fact]
    public void The_runtime_evidence_rules_see_read_only_management_events()
    {
        var rules = TemplateTool.OfType(TemplateTool.Resources(parameters: WatchingRuntimeFailures), "AWS::Events::Rule")
            .Where(r => IsRuntimeEvidence(r.Resource))
            .ToList();

        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", r.Resource["Properties"]!["State"]!.GetValue<string>()));
        Assert.DoesNotContain(TemplateTool.OfType(TemplateTool.Resources(), "AWS::Events::Rule"), r => IsRuntimeEvidence(r.Resource));
    }

    private static bool IsRuntimeEvidence(JsonObject rule) =>
        rule["Properties"]?["EventPattern"]?["detail"]?["eventName"] is JsonArray names && names.Any(n => n!.GetValue<string>() is "GetDataAccess" or "Decrypt");

    [Theory]
    [InlineData("aws.iam")]
    [InlineData("aws.organizations")]
    public void The_forwarder_forwards_exactly_the_calls_the_guardrail_reacts_to(string source)
    {
        static IEnumerable<string> Names(IEnumerable<(string Logical, JsonObject Resource)> rules, string source) => rules
            .Select(r => r.Resource["Properties"]!["EventPattern"])
            .Where(p => p?["source"]!.AsArray().Any(s => s!.GetValue<string>() == source) == true)
            .SelectMany(p => p!["detail"]!["eventName"]!.AsArray().Select(n => n!.GetValue<string>()));

        var guardrail = Names(TemplateTool.OfType(TemplateTool.Resources(), "AWS::Events::Rule"), source).Order().ToList();
        var forwarded = Names(TemplateTool.OfType(TemplateTool.Resources("infra/iam-events-forwarder.yaml", ForwarderParameters), "AWS::Events::Rule"), source).Order().ToList();

        Assert.NotEmpty(guardrail);
        Assert.Equal(guardrail, forwarded);
    }

    private static JsonObject ReadEvent(string eventFile) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Processes.Root, "events", eventFile + ".json")))!.AsObject();

    /// <summary>Deploys both stacks' rules in an empty moto, puts the event where AWS delivers it, and returns the guardrail rules it reached.</summary>
    private async Task<List<string>> DeliverAsync(JsonObject envelope, Dictionary<string, string>? parameters = null)
    {
        await moto.ResetAsync();
        using var guardrailEvents = AwsHttp.CreateSignedClient("events", GuardrailRegion);
        using var usEast1Events = AwsHttp.CreateSignedClient("events", UsEast1);
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = GuardrailRegion });

        var queues = new Dictionary<string, string>();
        var resources = TemplateTool.Resources(parameters: parameters);
        foreach (var (logical, rule) in TemplateTool.OfType(resources, "AWS::Events::Rule").Where(r => r.Resource["Properties"]!["EventPattern"] is not null))
        {
            var target = rule["Properties"]!["Targets"]![0]!;
            Assert.NotNull(target["RetryPolicy"]);
            Assert.NotNull(target["DeadLetterConfig"]!["Arn"]);
            Assert.True(logical.StartsWith(FunctionOf(resources, target["Arn"]!.GetValue<string>()), StringComparison.Ordinal), $"{logical} targets another function");
            queues[logical] = (await sqs.CreateQueueAsync(logical)).QueueUrl;
            var queueArn = (await sqs.GetQueueAttributesAsync(queues[logical], ["QueueArn"])).QueueARN;
            await PutRuleAsync(guardrailEvents, logical, rule, new JsonObject { ["Id"] = "function", ["Arn"] = queueArn });
        }

        foreach (var (logical, rule) in TemplateTool.OfType(TemplateTool.Resources("infra/iam-events-forwarder.yaml", ForwarderParameters), "AWS::Events::Rule"))
        {
            var target = rule["Properties"]!["Targets"]![0]!;
            Assert.Equal($"arn:aws:events:{GuardrailRegion}:123456789012:event-bus/default", target["Arn"]!.GetValue<string>());
            await PutRuleAsync(usEast1Events, logical, rule, new JsonObject { ["Id"] = "guardrail-bus", ["Arn"] = target["Arn"]!.DeepClone(), ["RoleArn"] = target["RoleArn"]!.DeepClone() });
        }

        var entry = new JsonObject
        {
            ["Source"] = envelope["source"]!.GetValue<string>(),
            ["DetailType"] = envelope["detail-type"]!.GetValue<string>(),
            ["Detail"] = envelope["detail"]!.ToJsonString(),
            ["Resources"] = envelope["resources"]?.DeepClone() ?? new JsonArray(),
        };
        var arrival = UsEast1Sources.Contains(envelope["source"]!.GetValue<string>()) ? usEast1Events : guardrailEvents;
        var put = await CallAsync(arrival, "PutEvents", new JsonObject { ["Entries"] = new JsonArray(entry) });
        Assert.Equal(0, put["FailedEntryCount"]!.GetValue<int>());

        var reached = new List<string>();
        foreach (var (logical, queueUrl) in queues)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            reached.AddRange(Enumerable.Repeat(logical, received.Messages?.Count ?? 0));
        }

        return reached;
    }

    /// <summary>The logical id of the function whose ARN a rule targets.</summary>
    private static string FunctionOf(JsonObject resources, string arn) =>
        TemplateTool.OfType(resources, "AWS::Lambda::Function").Single(f => arn.EndsWith(":function:" + f.Resource["Properties"]!["FunctionName"]!.GetValue<string>(), StringComparison.Ordinal)).Logical;

    private async Task PutRuleAsync(HttpClient events, string name, JsonObject rule, JsonObject target)
    {
        await CallAsync(events, "PutRule", new JsonObject { ["Name"] = name, ["EventPattern"] = rule["Properties"]!["EventPattern"]!.ToJsonString(), ["State"] = "ENABLED" });
        await CallAsync(events, "PutTargets", new JsonObject { ["Rule"] = name, ["Targets"] = new JsonArray(target) });
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
