using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// Alerts that arrive: the topic's key lets CloudWatch alarms and EventBridge of this account encrypt for it (the
/// AWS-managed SNS key cannot), the functions publish through it, the forwarder's dead letters raise an alarm in
/// us-east-1, and each function has reserved concurrency.
/// </summary>
public sealed class AlertDeliveryTests
{
    private const string AlertsKey = "arn:aws:kms:us-east-1:123456789012:key/AlertsKey";
    private const string Forwarder = "infra/iam-events-forwarder.yaml";

    private static PolicyDocument KeyPolicy(JsonObject resources, string key) =>
        PolicyCheck.Parse(resources[key]!["Properties"]!["KeyPolicy"]!, PolicyKind.Bucket);

    private static bool ServiceMay(PolicyDocument keyPolicy, string service, string action, string? sourceAccount) =>
        PolicyCheck.Grants(keyPolicy, PolicyCheck.ByService(service, action, AlertsKey, ("aws:SourceAccount", sourceAccount is null ? ContextValue.Absent : ContextValue.Of(sourceAccount))));

    [Theory]
    [InlineData("cloudwatch.amazonaws.com")]
    [InlineData("events.amazonaws.com")]
    public void The_topic_key_lets_alarms_and_rules_of_this_account_encrypt_and_no_one_else(string service)
    {
        var policy = KeyPolicy(TemplateTool.Resources(), "AlertsKey");

        foreach (var action in new[] { "kms:GenerateDataKey", "kms:Decrypt" })
        {
            Assert.True(ServiceMay(policy, service, action, PolicyCheck.Account), action);
            Assert.False(ServiceMay(policy, service, action, "444455556666"), $"{action} for another account's {service}");
            Assert.False(ServiceMay(policy, service, action, null), $"{action} without a source account");
        }

        Assert.False(ServiceMay(policy, service, "kms:PutKeyPolicy", PolicyCheck.Account));
        Assert.False(ServiceMay(policy, "s3.amazonaws.com", "kms:GenerateDataKey", PolicyCheck.Account));
        Assert.False(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::444455556666:role/Admin", "kms:Decrypt", AlertsKey)));
    }

    [Fact]
    public void The_topic_uses_the_stacks_key_unless_the_operator_names_one()
    {
        var created = TemplateTool.Resources();
        Assert.Equal(AlertsKey, created["AlertTopic"]!["Properties"]!["KmsMasterKeyId"]!.GetValue<string>());

        const string Own = "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef";
        var own = TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters) { ["AlertsKmsKeyId"] = Own });
        Assert.Equal(Own, own["AlertTopic"]!["Properties"]!["KmsMasterKeyId"]!.GetValue<string>());
        Assert.Null(own["AlertsKey"]);

        var pattern = TemplateTool.Parameters()["AlertsKmsKeyId"]!["AllowedPattern"]!.GetValue<string>();
        Assert.DoesNotMatch(pattern, "alias/aws/sns");
        Assert.Matches(pattern, "alias/guardrail-alerts");
        Assert.Matches(pattern, "");
    }

    [Fact]
    public void The_functions_encrypt_alerts_with_the_topic_key_through_sns_only()
    {
        var resources = TemplateTool.Resources();
        var viaSns = ("kms:ViaService", ContextValue.Of("sns.us-east-1.amazonaws.com"));

        foreach (var role in new[] { "BucketPolicyFunctionRole", "TrustPolicyFunctionRole", "AccessPathFunctionRole", "DriftScanFunctionRole" })
        {
            var policies = PolicyCheck.RolePolicies(resources, role);
            bool Allows(string action, string key, params (string, ContextValue)[] context) =>
                PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), action, key, context));

            Assert.True(Allows("kms:GenerateDataKey", AlertsKey, viaSns), role);
            Assert.True(Allows("kms:Decrypt", AlertsKey, viaSns), role);
            Assert.False(Allows("kms:Decrypt", AlertsKey), $"{role} outside SNS");
            Assert.False(Allows("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/data-lake", viaSns), role);
        }
    }

    [Fact]
    public void Each_function_has_reserved_concurrency_unless_it_is_turned_off()
    {
        static IEnumerable<JsonNode?> Reserved(Dictionary<string, string> parameters) =>
            TemplateTool.OfType(TemplateTool.Resources(parameters: parameters), "AWS::Lambda::Function").Select(f => f.Resource["Properties"]!["ReservedConcurrentExecutions"]);

        Assert.All(Reserved(TemplateTool.DefaultParameters), r => Assert.Equal("5", r!.ToString()));
        Assert.All(Reserved(new(TemplateTool.DefaultParameters) { ["ReservedConcurrency"] = "12" }), r => Assert.Equal("12", r!.ToString()));
        Assert.All(Reserved(new(TemplateTool.DefaultParameters) { ["ReservedConcurrency"] = "" }), r => Assert.Null(r));

        // 0 would stop every function; it is not a value the stack accepts.
        var pattern = TemplateTool.Parameters()["ReservedConcurrency"]!["AllowedPattern"]!.GetValue<string>();
        Assert.DoesNotMatch(pattern, "0");
        Assert.DoesNotMatch(pattern, "-1");
    }

    private static Dictionary<string, string> ForwarderParameters(string alarmTopic = "") =>
        new() { ["GuardrailRegion"] = "eu-west-1", ["ForwardIam"] = "true", ["AlarmTopicArn"] = alarmTopic };

    [Fact]
    public void The_forwarder_alarms_on_its_dead_letters_through_a_topic_cloudwatch_can_encrypt_for()
    {
        var resources = TemplateTool.Resources(Forwarder, ForwarderParameters());
        var alarm = TemplateTool.OfType(resources, "AWS::CloudWatch::Alarm").Single().Resource["Properties"]!;

        Assert.Equal("ForwardingDeadLetterQueue", alarm["Dimensions"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal("AWS/SQS", alarm["Namespace"]!.GetValue<string>());
        var topic = Assert.Single(alarm["AlarmActions"]!.AsArray())!.GetValue<string>();
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:ForwardingAlarmTopic", topic);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/ForwardingAlarmKey", resources["ForwardingAlarmTopic"]!["Properties"]!["KmsMasterKeyId"]!.GetValue<string>());
        var keyPolicy = KeyPolicy(resources, "ForwardingAlarmKey");
        Assert.True(ServiceMay(keyPolicy, "cloudwatch.amazonaws.com", "kms:GenerateDataKey", PolicyCheck.Account));
        Assert.False(ServiceMay(keyPolicy, "cloudwatch.amazonaws.com", "kms:GenerateDataKey", "444455556666"));
    }

    [Fact]
    public void The_forwarder_alarm_can_notify_the_operators_own_topic_instead()
    {
        const string Own = "arn:aws:sns:us-east-1:123456789012:platform-alarms";
        var resources = TemplateTool.Resources(Forwarder, ForwarderParameters(Own));

        var alarm = TemplateTool.OfType(resources, "AWS::CloudWatch::Alarm").Single().Resource["Properties"]!;
        Assert.Equal(Own, Assert.Single(alarm["AlarmActions"]!.AsArray())!.GetValue<string>());
        Assert.Empty(TemplateTool.OfType(resources, "AWS::SNS::Topic"));
        Assert.Empty(TemplateTool.OfType(resources, "AWS::KMS::Key"));
    }
}
