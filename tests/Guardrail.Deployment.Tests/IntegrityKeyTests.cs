using Guardrail.Core.Parsing;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The state MAC key and the break-glass switch, as the functions' configuration contract needs them: every function
/// is told the key, the account and the switch; only the functions may MAC with the key; the switch exists ("off")
/// and the functions may read it and nothing else of SSM.
/// </summary>
public sealed class IntegrityKeyTests
{
    private const string MacKey = "arn:aws:kms:us-east-1:123456789012:key/StateMacKey";
    private const string BreakGlass = "arn:aws:ssm:us-east-1:123456789012:parameter/spectrum-guardrail/break-glass";

    private static readonly string[] FunctionRoles = ["BucketPolicyFunctionRole", "TrustPolicyFunctionRole", "AccessPathFunctionRole", "DriftScanFunctionRole"];

    [Fact]
    public void Every_function_gets_the_mac_key_the_account_and_the_break_glass_parameter_and_no_self_role()
    {
        var functions = TemplateTool.OfType(TemplateTool.Resources(), "AWS::Lambda::Function").ToList();

        Assert.Equal(4, functions.Count);
        foreach (var (logical, function) in functions)
        {
            var environment = function["Properties"]!["Environment"]!["Variables"]!.AsObject();
            Assert.Equal(MacKey, environment["GUARDRAIL_STATE_KEY_ID"]!.GetValue<string>());
            Assert.Equal(PolicyCheck.Account, environment["GUARDRAIL_ACCOUNT_ID"]!.GetValue<string>());
            Assert.Equal("/spectrum-guardrail/break-glass", environment["GUARDRAIL_BREAK_GLASS_PARAMETER"]!.GetValue<string>());
            Assert.True(environment.ContainsKey("GUARDRAIL_BREAK_GLASS_ROLES"), logical);
            Assert.False(environment.ContainsKey("GUARDRAIL_SELF_ROLE_ARN"), $"{logical}: the guardrail's own changes are judged like any other");
        }
    }

    [Fact]
    public void The_mac_key_is_an_hmac_key_only_the_function_roles_may_use()
    {
        var key = TemplateTool.Resources()["StateMacKey"]!["Properties"]!;
        var policy = PolicyCheck.Parse(key["KeyPolicy"]!, PolicyKind.Bucket);

        Assert.Equal("HMAC_256", key["KeySpec"]!.GetValue<string>());
        Assert.Equal("GENERATE_VERIFY_MAC", key["KeyUsage"]!.GetValue<string>());
        foreach (var action in new[] { "kms:GenerateMac", "kms:VerifyMac" })
        {
            Assert.All(FunctionRoles, role => Assert.True(PolicyCheck.Grants(policy, PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), action, MacKey)), $"{role} {action}"));

            // The account's administrators (who administer the key), any other role, and other accounts may not.
            Assert.False(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/Admin", action, MacKey)));
            Assert.False(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/PowerUser", action, MacKey)));
            Assert.False(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::444455556666:role/BucketPolicyFunctionRole", action, MacKey)));
        }

        // The account administers the key but cannot hand MAC use out through a grant.
        Assert.True(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/Admin", "kms:PutKeyPolicy", MacKey)));
        Assert.True(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/Admin", "kms:DescribeKey", MacKey)));
        Assert.False(PolicyCheck.Grants(policy, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/Admin", "kms:CreateGrant", MacKey)));
    }

    [Fact]
    public void Each_function_role_macs_with_that_key_only_and_reads_the_break_glass_parameter_only()
    {
        var resources = TemplateTool.Resources();

        foreach (var role in FunctionRoles)
        {
            var policies = PolicyCheck.RolePolicies(resources, role);
            bool Allows(string action, string resource) => PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), action, resource));

            Assert.True(Allows("kms:GenerateMac", MacKey), role);
            Assert.True(Allows("kms:VerifyMac", MacKey), role);
            Assert.False(Allows("kms:GenerateMac", "arn:aws:kms:us-east-1:123456789012:key/another"), role);
            Assert.True(Allows("ssm:GetParameter", BreakGlass), role);
            Assert.False(Allows("ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/spectrum-guardrail/other"), role);
            Assert.All(new[] { "ssm:PutParameter", "ssm:DeleteParameter", "ssm:GetParameters", "ssm:GetParameterHistory" }, action => Assert.False(Allows(action, BreakGlass), $"{role} {action}"));
        }
    }

    [Fact]
    public void The_break_glass_parameter_exists_off_under_the_configured_name()
    {
        var resources = TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters) { ["BreakGlassParameterName"] = "/ops/guardrail-break-glass" });
        var parameter = TemplateTool.OfType(resources, "AWS::SSM::Parameter").Single().Resource["Properties"]!;

        Assert.Equal("/ops/guardrail-break-glass", parameter["Name"]!.GetValue<string>());
        Assert.Equal("String", parameter["Type"]!.GetValue<string>());
        Assert.Equal("off", parameter["Value"]!.GetValue<string>());
        var readable = PolicyCheck.RolePolicies(resources, "DriftScanFunctionRole");
        Assert.True(PolicyCheck.IdentityAllows(readable, PolicyCheck.ByRole(PolicyCheck.RoleArnOf("DriftScanFunctionRole"), "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/ops/guardrail-break-glass")));
    }

    [Fact]
    public void Each_function_is_created_after_its_state_permissions()
    {
        var resources = TemplateTool.Resources();

        foreach (var (_, function) in TemplateTool.OfType(resources, "AWS::Lambda::Function"))
        {
            var role = function["Properties"]!["Role"]!.GetValue<string>().Split('/')[^1];
            var statePolicy = TemplateTool.OfType(resources, "AWS::IAM::RolePolicy").Single(p => p.Resource["Properties"]!["RoleName"]!.GetValue<string>() == role).Logical;
            Assert.Contains(statePolicy, function["DependsOn"]?.AsArray().Select(d => d!.GetValue<string>()) ?? []);
        }
    }
}
