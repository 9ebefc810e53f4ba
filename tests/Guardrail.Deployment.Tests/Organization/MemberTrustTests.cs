using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>
/// infra/member.yaml's member role: trusted by the central functions' roles only (from the organization, under the
/// guardrail's session name), created once per account (in HomeRegion); the stack's other parts per Region.
/// </summary>
public sealed class MemberTrustTests
{
    private static readonly string MemberRole = $"arn:aws:iam::{OrgSetup.MemberAccount}:role/{OrgSetup.MemberRoleName}";

    private static PolicyDocument Trust() =>
        PolicyCheck.Parse(OrgSetup.MemberResources()["MemberRole"]!["Properties"]!["AssumeRolePolicyDocument"]!, PolicyKind.Trust);

    private static bool MayAssume(RequestPrincipal principal, string? orgId, string? sessionName = "spectrum-guardrail", string? principalArn = null)
    {
        var keys = new Dictionary<string, ContextValue>();
        if (orgId is not null)
        {
            keys["aws:PrincipalOrgID"] = ContextValue.Of(orgId);
        }

        if (sessionName is not null)
        {
            keys["sts:RoleSessionName"] = ContextValue.Of(sessionName);
        }

        if (principalArn is not null)
        {
            keys["aws:PrincipalArn"] = ContextValue.Of(principalArn);
        }

        var request = new AccessRequest("sts:AssumeRole", new ConcreteResource(MemberRole), principal, new RequestContext(keys, fallback: ContextValue.Absent), "assume");
        return PolicyEvaluator.Evaluate(Trust(), request, GrantSource.PolicyMustAllow).Allow == Tri.True;
    }

    private static RoleSessionPrincipal Session(string roleArn) => new(RoleArn.Parse(roleArn), "spectrum-guardrail-function");

    [Fact]
    public void Each_central_function_role_may_assume_the_member_role_from_the_organization()
    {
        Assert.All(OrgSetup.CentralRoles, role => Assert.True(MayAssume(Session(role), OrgSetup.OrgId, principalArn: role), role));
    }

    [Fact]
    public void Nothing_else_may_assume_the_member_role()
    {
        var central = OrgSetup.CentralRoles[2];

        Assert.False(MayAssume(Session(central), null, principalArn: central), "organization unknown");
        Assert.False(MayAssume(Session(central), OrgSetup.OtherOrgId, principalArn: central), "another organization");
        Assert.False(MayAssume(Session(central), OrgSetup.OrgId, sessionName: "someone-else", principalArn: central), "another session name");
        Assert.False(MayAssume(Session(central), OrgSetup.OrgId, sessionName: null, principalArn: central), "no session name");
        foreach (var stranger in new[] { $"arn:aws:iam::{OrgSetup.Central}:role/Admin", $"arn:aws:iam::{OrgSetup.MemberAccount}:role/Admin", $"arn:aws:iam::{OrgSetup.ManagementAccount}:role/OrganizationAccountAccessRole" })
        {
            Assert.False(MayAssume(Session(stranger), OrgSetup.OrgId, principalArn: stranger), stranger);
        }

        Assert.False(MayAssume(new ServicePrincipal(["lambda.amazonaws.com"]), OrgSetup.OrgId), "a service");
    }

    [Fact]
    public void The_trust_policy_is_one_allow_naming_exactly_the_central_roles()
    {
        var statements = OrgSetup.MemberResources()["MemberRole"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();

        var statement = Assert.Single(statements)!;
        Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
        Assert.Equal("sts:AssumeRole", statement["Action"]!.GetValue<string>());
        var principal = statement["Principal"]!.AsObject();
        Assert.Equal(["AWS"], principal.Select(p => p.Key));
        Assert.Equal(OrgSetup.CentralRoles.Order(), principal["AWS"]!.AsArray().Select(p => p!.GetValue<string>()).Order());
        Assert.Equal(OrgSetup.OrgId, statement["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("us-east-1", "us-east-1", true)]
    [InlineData("eu-west-1", "us-east-1", false)]
    [InlineData("eu-west-1", "eu-west-1", true)]
    public void The_member_role_exists_once_per_account_in_its_home_Region(string region, string home, bool created)
    {
        var parameters = OrgSetup.MemberParameters(region);
        parameters["HomeRegion"] = home;

        var resources = TemplateTool.Resources(OrgSetup.Member, parameters);

        Assert.Equal(created, resources.ContainsKey("MemberRole"));
        Assert.True(resources.ContainsKey("ForwardingRole"), "every Region forwards");
    }

    [Theory]
    [InlineData("us-east-1", OrgSetup.MemberAccount, true, false)]
    [InlineData("us-east-1", OrgSetup.ManagementAccount, true, true)]
    [InlineData("eu-west-1", OrgSetup.MemberAccount, false, false)]
    [InlineData("eu-west-1", OrgSetup.ManagementAccount, false, false)]
    public void IAM_events_are_forwarded_in_us_east_1_and_Organizations_events_only_from_the_management_accounts(string region, string account, bool iam, bool organizations)
    {
        var sources = OrgSetup.Forwarded(OrgSetup.MemberResources(region, account)).Select(f => f.Source).Distinct().ToList();

        Assert.Equal(iam, sources.Contains("aws.iam"));
        Assert.Equal(organizations, sources.Contains("aws.organizations"));
        Assert.Contains("aws.s3", sources);
    }

    [Fact]
    public void Every_rule_targets_the_central_bus_through_a_role_that_may_put_events_there_only()
    {
        var resources = OrgSetup.MemberResources("us-east-1", OrgSetup.ManagementAccount);
        var role = PolicyCheck.RolePolicies(resources, "ForwardingRole");
        var forwarder = $"arn:aws:iam::{OrgSetup.ManagementAccount}:role/ForwardingRole";

        foreach (var (logical, rule) in TemplateTool.OfType(resources, "AWS::Events::Rule"))
        {
            var target = Assert.Single(rule["Properties"]!["Targets"]!.AsArray())!;
            Assert.Equal(OrgSetup.CentralBus, target["Arn"]!.GetValue<string>());
            Assert.Equal(forwarder, target["RoleArn"]!.GetValue<string>());
            Assert.NotNull(target["DeadLetterConfig"]!["Arn"]);
            Assert.Equal(185, target["RetryPolicy"]!["MaximumRetryAttempts"]!.GetValue<int>());
        }

        Assert.True(PolicyCheck.IdentityAllows(role, PolicyCheck.ByRole(forwarder, "events:PutEvents", OrgSetup.CentralBus)));
        Assert.False(PolicyCheck.IdentityAllows(role, PolicyCheck.ByRole(forwarder, "events:PutEvents", $"arn:aws:events:us-east-1:{OrgSetup.ManagementAccount}:event-bus/default")));
        Assert.False(PolicyCheck.IdentityAllows(role, PolicyCheck.ByRole(forwarder, "events:PutRule", OrgSetup.CentralBus)));
    }

    [Fact]
    public void The_member_stack_forwards_exactly_the_events_the_central_rules_match()
    {
        var central = OrgSetup.Forwarded(OrgSetup.CentralResources());
        var forwarded = OrgSetup.Forwarded(OrgSetup.MemberResources("us-east-1", OrgSetup.ManagementAccount));

        Assert.Equal(49, central.Count);
        Assert.Equal(central, forwarded);
        Assert.All(TemplateTool.OfType(OrgSetup.MemberResources("us-east-1", OrgSetup.ManagementAccount), "AWS::Events::Rule"), rule =>
        {
            var pattern = rule.Resource["Properties"]!["EventPattern"]!;
            Assert.Equal(["AWS API Call via CloudTrail"], pattern["detail-type"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Single(pattern["source"]!.AsArray());
            Assert.Equal(pattern["source"]![0]!.GetValue<string>()[4..] + ".amazonaws.com", pattern["detail"]!["eventSource"]![0]!.GetValue<string>());
        });
    }
}
