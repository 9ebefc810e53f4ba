using System.Text.Json.Nodes;
using Guardrail.Core.Parsing;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>
/// Organization mode's scale-out: the drift scan enqueues one message per path, and only it may; the worker consumes
/// them with partial batch responses, bounded concurrency, a dead-letter queue and alarms on the alert topic.
/// </summary>
public sealed class PathScanQueueTests
{
    private const string Queue = "arn:aws:sqs:eu-west-1:123456789012:PathScanQueue";
    private const string Topic = "arn:aws:sns:eu-west-1:123456789012:AlertTopic";

    [Fact]
    public void Only_the_drift_scan_role_may_enqueue_whatever_else_identity_policies_allow()
    {
        var resources = OrgSetup.CentralResources();
        var queuePolicy = resources["PathScanQueuePolicy"]!;
        var policy = PolicyCheck.Parse(queuePolicy["Properties"]!["PolicyDocument"]!, PolicyKind.Bucket);

        bool Denied(string role) => PolicyCheck.Denies(policy, PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), "sqs:SendMessage", Queue));

        Assert.False(Denied("DriftScanFunctionRole"));
        Assert.True(PolicyCheck.Grants(policy, PolicyCheck.ByRole(PolicyCheck.RoleArnOf("DriftScanFunctionRole"), "sqs:SendMessage", Queue)));
        Assert.All(new[] { "PathScanWorkerFunctionRole", "AccessPathFunctionRole", "BucketPolicyFunctionRole", "Admin" }, role => Assert.True(Denied(role), role));
    }

    [Fact]
    public void The_queues_are_encrypted_and_failed_paths_go_to_the_dead_letter_queue()
    {
        var resources = OrgSetup.CentralResources();
        var queue = resources["PathScanQueue"]!["Properties"]!;

        Assert.True(queue["SqsManagedSseEnabled"]!.GetValue<bool>());
        Assert.True(resources["PathScanDeadLetterQueue"]!["Properties"]!["SqsManagedSseEnabled"]!.GetValue<bool>());
        Assert.Equal("arn:aws:sqs:eu-west-1:123456789012:PathScanDeadLetterQueue", queue["RedrivePolicy"]!["deadLetterTargetArn"]!.GetValue<string>());
        var worker = resources["PathScanWorkerFunction"]!["Properties"]!;
        Assert.True(queue["VisibilityTimeout"]!.GetValue<int>() >= 6 * worker["Timeout"]!.GetValue<int>(), "Lambda's advice: six times the function timeout");
    }

    [Theory]
    [InlineData("10")]
    [InlineData("250")]
    public void The_worker_reports_batch_item_failures_with_at_most_ScanConcurrency_instances(string concurrency)
    {
        var parameters = OrgSetup.CentralParameters();
        parameters["ScanConcurrency"] = concurrency;
        var resources = TemplateTool.Resources(parameters: parameters);

        var (_, mapping) = Assert.Single(TemplateTool.OfType(resources, "AWS::Lambda::EventSourceMapping"));
        var properties = mapping["Properties"]!;
        Assert.Equal(Queue, properties["EventSourceArn"]!.GetValue<string>());
        Assert.Equal("spectrum-guardrail-path-scan-worker", properties["FunctionName"]!.GetValue<string>());
        Assert.Equal(["ReportBatchItemFailures"], properties["FunctionResponseTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(concurrency, properties["ScalingConfig"]!["MaximumConcurrency"]!.ToString());
        Assert.InRange(properties["BatchSize"]!.GetValue<int>(), 1, 10);
        var worker = resources["PathScanWorkerFunction"]!["Properties"]!;
        Assert.Equal("Guardrail.Functions::Guardrail.Functions.PathScanWorkerFunction::Handle", worker["Handler"]!.GetValue<string>());
        Assert.Equal(concurrency, worker["ReservedConcurrentExecutions"]!.ToString());
    }

    [Fact]
    public void ScanConcurrency_stays_within_what_Lambda_accepts_for_MaximumConcurrency()
    {
        var parameter = TemplateTool.Parameters()["ScanConcurrency"]!;

        Assert.Equal(2, parameter["MinValue"]!.GetValue<int>());
        Assert.Equal(1000, parameter["MaxValue"]!.GetValue<int>());
    }

    [Fact]
    public void Dead_letters_a_backlog_and_worker_failures_alarm_on_the_alert_topic()
    {
        var alarms = TemplateTool.OfType(OrgSetup.CentralResources(), "AWS::CloudWatch::Alarm").ToDictionary(a => a.Logical, a => a.Resource["Properties"]!);

        static string Dimension(JsonNode alarm) => alarm["Dimensions"]![0]!["Value"]!.GetValue<string>();

        Assert.Equal("PathScanDeadLetterQueue", Dimension(alarms["PathScanDeadLetterAlarm"]));
        Assert.Equal("ApproximateNumberOfMessagesVisible", alarms["PathScanDeadLetterAlarm"]["MetricName"]!.GetValue<string>());
        Assert.Equal("PathScanQueue", Dimension(alarms["PathScanBacklogAlarm"]));
        Assert.Equal("ApproximateAgeOfOldestMessage", alarms["PathScanBacklogAlarm"]["MetricName"]!.GetValue<string>());
        Assert.Equal("spectrum-guardrail-path-scan-worker", Dimension(alarms["PathScanWorkerErrorsAlarm"]));
        Assert.All(new[] { "PathScanDeadLetterAlarm", "PathScanBacklogAlarm", "PathScanWorkerErrorsAlarm" }, a => Assert.Equal(Topic, alarms[a]["AlarmActions"]![0]!.GetValue<string>()));
    }

    [Fact]
    public void The_worker_writes_state_publishes_alerts_and_macs_like_the_drift_scan()
    {
        var resources = OrgSetup.CentralResources();
        var worker = PolicyCheck.RoleArnOf("PathScanWorkerFunctionRole");
        var table = PolicyCheck.Parse(resources["StateTable"]!["Properties"]!["ResourcePolicy"]!["PolicyDocument"]!, PolicyKind.Bucket);
        var topic = PolicyCheck.Parse(resources["AlertTopicPolicy"]!["Properties"]!["PolicyDocument"]!, PolicyKind.Bucket);
        const string Table = "arn:aws:dynamodb:eu-west-1:123456789012:table/StateTable";

        Assert.False(PolicyCheck.Denies(table, PolicyCheck.ByRole(worker, "dynamodb:PutItem", Table, PolicyCheck.LeadingKeys("knowngood#path#sales"))));
        Assert.True(PolicyCheck.Denies(table, PolicyCheck.ByRole(worker, "dynamodb:PutItem", Table, PolicyCheck.LeadingKeys("rollbacks#path#sales"))));
        Assert.False(PolicyCheck.Denies(topic, PolicyCheck.ByRole(worker, "sns:Publish", Topic)));
        Assert.Contains(worker, resources["StateMacKey"]!["Properties"]!["KeyPolicy"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
