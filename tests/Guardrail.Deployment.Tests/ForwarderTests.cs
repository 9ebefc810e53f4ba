namespace Guardrail.Deployment.Tests;

/// <summary>
/// The us-east-1 forwarder (infra/iam-events-forwarder.yaml): CloudFormation's Rules refuse the settings that would
/// forward nothing, loop back to the bus the events came from, or send IAM events to a bus that refuses them; the
/// settings the README gives deploy, and target the guardrail's account and Region.
/// </summary>
public sealed class ForwarderTests
{
    private const string Forwarder = "infra/iam-events-forwarder.yaml";

    [Theory]
    [InlineData("eu-west-1", "", "true", "false", null)]
    [InlineData("eu-west-1", "123456789012", "true", "true", null)]
    [InlineData("eu-west-1", "111122223333", "false", "true", null)]
    [InlineData("us-east-1", "111122223333", "false", "true", null)]
    [InlineData("us-east-1", "", "true", "false", "NotBackToItsOwnBus")]
    [InlineData("us-east-1", "123456789012", "false", "true", "NotBackToItsOwnBus")]
    [InlineData("eu-west-1", "111122223333", "true", "true", "IamEventsStayInTheirAccount")]
    [InlineData("eu-west-1", "", "false", "false", "ForwardsSomething")]
    public void The_rules_refuse_exactly_the_settings_that_cannot_work(string region, string account, string iam, string organizations, string? refusedBy)
    {
        var parameters = new Dictionary<string, string> { ["GuardrailRegion"] = region, ["GuardrailAccountId"] = account, ["ForwardIam"] = iam, ["ForwardOrganizations"] = organizations };

        var failed = TemplateTool.FailedRules(Forwarder, parameters);

        Assert.Equal(refusedBy is null ? [] : [refusedBy], failed.Select(f => f.Key));
    }

    [Theory]
    [InlineData("", "123456789012")]
    [InlineData("111122223333", "111122223333")]
    public void Each_rule_sends_to_the_default_bus_of_the_guardrails_account_and_Region(string account, string busAccount)
    {
        var parameters = new Dictionary<string, string> { ["GuardrailRegion"] = "eu-west-1", ["GuardrailAccountId"] = account, ["ForwardIam"] = account.Length == 0 ? "true" : "false", ["ForwardOrganizations"] = "true" };
        var resources = TemplateTool.Resources(Forwarder, parameters);
        var bus = $"arn:aws:events:eu-west-1:{busAccount}:event-bus/default";

        var rules = TemplateTool.OfType(resources, "AWS::Events::Rule").ToList();

        Assert.Equal(account.Length == 0 ? 2 : 1, rules.Count);
        Assert.All(rules, r => Assert.Equal(bus, r.Resource["Properties"]!["Targets"]![0]!["Arn"]!.GetValue<string>()));
        var putEvents = resources["ForwardingRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal(bus, putEvents["Resource"]!.GetValue<string>());
    }
}
