using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>
/// template.yaml with OrganizationId: the central event bus admits events only from principals of the organization,
/// and every function rule listens on it; without OrganizationId nothing of organization mode exists.
/// </summary>
public sealed class CentralBusTests
{
    private static bool MayPut(PolicyDocument busPolicy, string principalAccount, string? orgId, string action = "events:PutEvents")
    {
        var principal = new RoleSessionPrincipal(RoleArn.Parse($"arn:aws:iam::{principalAccount}:role/forwarder"), "events");
        var context = orgId is null ? OrgSetup.Context() : OrgSetup.Context(("aws:PrincipalOrgID", orgId));
        var request = new AccessRequest(action, new ConcreteResource(OrgSetup.CentralBus), principal, context, "forward");
        return PolicyEvaluator.Evaluate(busPolicy, request, GrantSource.PolicyMustAllow).Allow == Tri.True;
    }

    [Fact]
    public void The_bus_policy_admits_PutEvents_from_the_organization_only()
    {
        var resources = OrgSetup.CentralResources();
        var (_, policy) = Assert.Single(TemplateTool.OfType(resources, "AWS::Events::EventBusPolicy"));
        var properties = policy["Properties"]!;
        Assert.Equal("spectrum-guardrail-organization", properties["EventBusName"]!.GetValue<string>());
        var busPolicy = OrgSetup.StatementAsPolicy(properties["Statement"]!);

        Assert.True(MayPut(busPolicy, OrgSetup.MemberAccount, OrgSetup.OrgId));
        Assert.True(MayPut(busPolicy, OrgSetup.ManagementAccount, OrgSetup.OrgId));
        Assert.False(MayPut(busPolicy, "444455556666", OrgSetup.OtherOrgId), "another organization");
        Assert.False(MayPut(busPolicy, "444455556666", null), "an account in no organization");
        Assert.False(MayPut(busPolicy, OrgSetup.MemberAccount, OrgSetup.OrgId, "events:PutRule"), "only PutEvents");
        Assert.False(MayPut(busPolicy, OrgSetup.MemberAccount, OrgSetup.OrgId, "events:PutTargets"), "only PutEvents");
    }

    [Fact]
    public void Every_function_rule_listens_on_the_central_bus_in_organization_mode_and_on_the_default_bus_otherwise()
    {
        static List<(string Logical, JsonNode? Bus)> Rules(JsonObject resources) => [.. TemplateTool.OfType(resources, "AWS::Events::Rule")
            .Where(r => r.Resource["Properties"]!["EventPattern"] is not null && !IsRuntimeEvidence(r.Resource))
            .Select(r => (r.Logical, r.Resource["Properties"]!["EventBusName"]))];

        var organization = Rules(OrgSetup.CentralResources());
        var single = Rules(TemplateTool.Resources());

        Assert.Equal(12, organization.Count);
        Assert.All(organization, r => Assert.Equal("spectrum-guardrail-organization", r.Bus?.GetValue<string>()));
        Assert.Equal(single.Select(r => r.Logical).Order(), organization.Select(r => r.Logical).Order());
        Assert.All(single, r => Assert.Null(r.Bus));
        Assert.Equal(OrgSetup.Forwarded(TemplateTool.Resources()), OrgSetup.Forwarded(OrgSetup.CentralResources()));
    }

    private static bool IsRuntimeEvidence(JsonObject rule) =>
        !(rule["Properties"]!["EventPattern"]!["detail"]!["errorCode"] is JsonArray codes && codes[0] is JsonObject e && e["exists"]?.GetValue<bool>() == false);

    [Fact]
    public void Without_OrganizationId_no_organization_resource_or_variable_exists()
    {
        var resources = TemplateTool.Resources();

        Assert.Empty(TemplateTool.OfType(resources, "AWS::Events::EventBus"));
        Assert.Empty(TemplateTool.OfType(resources, "AWS::Lambda::EventSourceMapping"));
        Assert.DoesNotContain(resources, r => r.Key.StartsWith("PathScan", StringComparison.Ordinal));
        foreach (var (logical, function) in TemplateTool.OfType(resources, "AWS::Lambda::Function"))
        {
            var variables = function["Properties"]!["Environment"]!["Variables"]!.AsObject();
            Assert.All(OrganizationVariables.Append("GUARDRAIL_SCAN_QUEUE_URL"), name => Assert.False(variables.ContainsKey(name), $"{logical} has {name}"));
        }

        Assert.All(TemplateTool.OfType(resources, "AWS::IAM::Role"), role => Assert.DoesNotContain("SpectrumGuardrailMember", role.Resource.ToJsonString(), StringComparison.Ordinal));
    }

    private static readonly string[] OrganizationVariables = ["GUARDRAIL_CONFIG", "GUARDRAIL_CONFIG_TTL_SECONDS", "GUARDRAIL_ORGANIZATION_ID", "GUARDRAIL_MANAGEMENT_ACCOUNT", "GUARDRAIL_MEMBER_ROLE_NAME"];

    [Fact]
    public void In_organization_mode_every_function_gets_the_configuration_document_and_only_the_drift_scan_the_queue()
    {
        var functions = TemplateTool.OfType(OrgSetup.CentralResources(), "AWS::Lambda::Function").ToList();

        Assert.Equal(5, functions.Count);
        foreach (var (logical, function) in functions)
        {
            var variables = function["Properties"]!["Environment"]!["Variables"]!;
            Assert.Equal(OrgSetup.ConfigObject, variables["GUARDRAIL_CONFIG"]!.GetValue<string>());
            Assert.Equal("300", variables["GUARDRAIL_CONFIG_TTL_SECONDS"]!.ToString());
            Assert.Equal(OrgSetup.OrgId, variables["GUARDRAIL_ORGANIZATION_ID"]!.GetValue<string>());
            Assert.Equal(OrgSetup.ManagementAccount, variables["GUARDRAIL_MANAGEMENT_ACCOUNT"]!.GetValue<string>());
            Assert.Equal(OrgSetup.MemberRoleName, variables["GUARDRAIL_MEMBER_ROLE_NAME"]!.GetValue<string>());
            Assert.Equal(logical == "DriftScanFunction", variables.AsObject().ContainsKey("GUARDRAIL_SCAN_QUEUE_URL"));
        }
    }

    [Theory]
    [InlineData("", "999999999999", "OrganizationModeNeedsItsSettings")]
    [InlineData("s3://guardrail-config/config.json", "", "OrganizationModeNeedsItsSettings")]
    [InlineData("ssm:/spectrum-guardrail/config", "999999999999", null)]
    public void Organization_mode_is_refused_without_the_document_or_the_management_account(string config, string management, string? refusedBy)
    {
        var parameters = new Dictionary<string, string>(TemplateTool.DefaultParameters) { ["OrganizationId"] = OrgSetup.OrgId, ["ConfigLocation"] = config, ["ManagementAccountId"] = management };

        var failed = TemplateTool.FailedRules("template.yaml", parameters);

        Assert.Equal(refusedBy is null ? [] : [refusedBy], failed.Select(f => f.Key));
        Assert.Empty(TemplateTool.FailedRules("template.yaml", TemplateTool.DefaultParameters));
    }

    [Theory]
    [InlineData("s3://guardrail-config/spectrum/config.json")]
    [InlineData("ssm:/spectrum-guardrail/config")]
    [InlineData("")]
    public void The_ConfigLocation_parameter_accepts_an_S3_object_or_an_SSM_parameter(string location) =>
        Assert.Matches(TemplateTool.Parameters()["ConfigLocation"]!["AllowedPattern"]!.GetValue<string>(), location);

    [Theory]
    [InlineData("https://guardrail-config.s3.amazonaws.com/config.json")]
    [InlineData("s3://guardrail-config")]
    [InlineData("ssm:spectrum-guardrail/config")]
    [InlineData("/etc/guardrail.json")]
    public void The_ConfigLocation_parameter_refuses_anything_else(string location) =>
        Assert.DoesNotMatch(TemplateTool.Parameters()["ConfigLocation"]!["AllowedPattern"]!.GetValue<string>(), location);
}
