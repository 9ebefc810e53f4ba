using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Guardrail.Aws.Query;
using Guardrail.Testing;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>
/// Organization mode in moto's EventBridge, across accounts and Regions: the central stack's rules on its bus in the
/// central account (eu-west-1), each with its own SQS queue; the member stack's rules on the default bus of a member
/// account, deployed in the Region where AWS delivers the event (IAM and Organizations in us-east-1, the others in
/// ap-southeast-2), acting with credentials moto's STS issues in that account. Each event file the central rules
/// route must cross to the central bus and reach exactly one rule of its function. moto does not enforce the bus
/// policy or the forwarding role (CentralBusTests and MemberTrustTests evaluate those).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class OrganizationRoutingTests(MotoServer moto)
{
    private const string OtherRegion = "ap-southeast-2";

    public static TheoryData<string, string> RoutedEvents()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in EventRoutingTests.Routes.Where(r => r[1] is not null))
        {
            data.Add((string)row[0], (string)row[1]!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutedEvents))]
    public async Task Each_event_of_a_member_account_reaches_exactly_one_central_rule_of_its_function(string eventFile, string function)
    {
        var reached = await DeliverAsync(ReadEvent(eventFile));

        var rule = Assert.Single(reached);
        Assert.True(rule.StartsWith(function, StringComparison.Ordinal), $"{eventFile} reached {rule}, a rule of another function than {function}");
    }

    [Theory]
    [InlineData("bucket-put-vpce-lockout")]
    [InlineData("access-iam-put-role-policy")]
    [InlineData("access-organizations-attach-policy")]
    [InlineData("access-lakeformation-grant-permissions")]
    public async Task The_same_call_failed_is_not_forwarded(string eventFile)
    {
        var envelope = ReadEvent(eventFile);
        envelope["detail"]!["errorCode"] = "AccessDenied";

        Assert.Empty(await DeliverAsync(envelope));
    }

    [Theory]
    [InlineData("unrelated-s3-put-bucket-tagging")]
    [InlineData("unrelated-iam-create-role")]
    public async Task Calls_the_guardrail_does_not_judge_are_not_forwarded(string eventFile)
    {
        Assert.Empty(await DeliverAsync(ReadEvent(eventFile)));
    }

    [Fact]
    public async Task Organizations_events_of_an_account_other_than_the_management_account_are_not_forwarded()
    {
        Assert.Empty(await DeliverAsync(ReadEvent("access-organizations-update-policy"), OrgSetup.MemberAccount));
    }

    private static JsonObject ReadEvent(string eventFile) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Processes.Root, "events", eventFile + ".json")))!.AsObject();

    /// <summary>Deploys the central rules and a member account's rules in an empty moto, puts the event on the member's default bus, and returns the central rules it reached.</summary>
    private async Task<List<string>> DeliverAsync(JsonObject envelope, string? account = null)
    {
        await moto.ResetAsync();
        var source = envelope["source"]!.GetValue<string>();
        var region = source is "aws.iam" or "aws.organizations" ? "us-east-1" : OtherRegion;
        account ??= source == "aws.organizations" ? OrgSetup.ManagementAccount : OrgSetup.MemberAccount;

        using var centralEvents = AwsHttp.CreateSignedClient("events", OrgSetup.CentralRegion);
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = OrgSetup.CentralRegion });
        await CallAsync(centralEvents, "CreateEventBus", new JsonObject { ["Name"] = "spectrum-guardrail-organization" });

        var queues = new Dictionary<string, string>();
        foreach (var (logical, rule) in TemplateTool.OfType(OrgSetup.CentralResources(), "AWS::Events::Rule").Where(r => r.Resource["Properties"]!["EventPattern"] is not null))
        {
            var bus = rule["Properties"]!["EventBusName"]!.GetValue<string>();
            queues[logical] = (await sqs.CreateQueueAsync(logical)).QueueUrl;
            var queueArn = (await sqs.GetQueueAttributesAsync(queues[logical], ["QueueArn"])).QueueARN;
            await PutRuleAsync(centralEvents, logical, bus, rule["Properties"]!["EventPattern"]!, new JsonObject { ["Id"] = "function", ["Arn"] = queueArn });
        }

        using var memberEvents = AwsHttp.CreateSignedClient("events", region, await CredentialsInAsync(account));
        foreach (var (logical, rule) in TemplateTool.OfType(OrgSetup.MemberResources(region, account), "AWS::Events::Rule"))
        {
            var target = rule["Properties"]!["Targets"]![0]!;
            await PutRuleAsync(memberEvents, logical, "default", rule["Properties"]!["EventPattern"]!, new JsonObject { ["Id"] = "central-bus", ["Arn"] = target["Arn"]!.DeepClone(), ["RoleArn"] = target["RoleArn"]!.DeepClone() });
        }

        var entry = new JsonObject
        {
            ["Source"] = source,
            ["DetailType"] = envelope["detail-type"]!.GetValue<string>(),
            ["Detail"] = envelope["detail"]!.ToJsonString(),
            ["Resources"] = envelope["resources"]?.DeepClone() ?? new JsonArray(),
        };
        var put = await CallAsync(memberEvents, "PutEvents", new JsonObject { ["Entries"] = new JsonArray(entry) });
        Assert.Equal(0, put["FailedEntryCount"]!.GetValue<int>());

        var reached = new List<string>();
        foreach (var (logical, queueUrl) in queues)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            reached.AddRange(Enumerable.Repeat(logical, received.Messages?.Count ?? 0));
        }

        return reached;
    }

    /// <summary>Credentials moto's STS issues for a role of <paramref name="account"/>: moto then acts in that account.</summary>
    private async Task<AWSCredentials> CredentialsInAsync(string account)
    {
        using var sts = new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{account}:role/stackset-execution", RoleSessionName = "member-stack" });
        using var member = new AmazonSecurityTokenServiceClient(assumed.Credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var identity = await member.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(account, identity.Account);
        return assumed.Credentials;
    }

    private async Task PutRuleAsync(HttpClient events, string name, string bus, JsonNode pattern, JsonObject target)
    {
        await CallAsync(events, "PutRule", new JsonObject { ["Name"] = name, ["EventBusName"] = bus, ["EventPattern"] = pattern.ToJsonString(), ["State"] = "ENABLED" });
        await CallAsync(events, "PutTargets", new JsonObject { ["Rule"] = name, ["EventBusName"] = bus, ["Targets"] = new JsonArray(target) });
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
