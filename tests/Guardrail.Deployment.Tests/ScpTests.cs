using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The example service control policy (infra/guardrail-protection-scp.json): it parses as a policy without a
/// principal, names what the template deploys under its default names, and denies exactly what it says to everyone
/// but the roles it exempts.
/// </summary>
public sealed class ScpTests
{
    private const string Admin = "arn:aws:iam::111122223333:role/GuardrailAdmin";
    private const string PowerUser = "arn:aws:iam::111122223333:role/PowerUser";
    private const string BreakGlass = "arn:aws:iam::111122223333:role/BreakGlass";
    private const string FunctionRole = "arn:aws:iam::111122223333:role/spectrum-guardrail-BucketPolicyFunctionRole-1A2B3C4D5E6F";
    private const string Table = "arn:aws:dynamodb:eu-west-1:111122223333:table/spectrum-guardrail-StateTable-1A2B3C4D5E6F";
    private const string Parameter = "arn:aws:ssm:eu-west-1:111122223333:parameter/spectrum-guardrail/break-glass";

    private static PolicyDocument Scp() =>
        PolicyParser.Parse(File.ReadAllText(Path.Combine(Processes.Root, "infra", "guardrail-protection-scp.json")), PolicyKind.Identity);

    private static bool Denies(string principal, string action, string resource, params (string Key, ContextValue Value)[] context)
    {
        var deny = PolicyEvaluator.Evaluate(Scp(), PolicyCheck.ByRole(principal, action, resource, context), GrantSource.IdentityPolicyMayGrant).Deny;
        Assert.True(deny != Tri.Unknown, $"{action} by {principal}");
        return deny == Tri.True;
    }

    [Fact]
    public void It_parses_as_a_policy_of_denies_only()
    {
        var scp = Scp();

        Assert.Equal("2012-10-17", scp.Version);
        Assert.All(scp.Statements, s => Assert.Equal(Effect.Deny, s.Effect));
    }

    [Fact]
    public void It_names_the_functions_and_the_break_glass_parameter_the_template_deploys()
    {
        var functions = TemplateTool.OfType(TemplateTool.Resources(), "AWS::Lambda::Function").Select(f => f.Resource["Properties"]!["FunctionName"]!.GetValue<string>()).ToList();

        Assert.Equal(4, functions.Count);
        Assert.All(functions, name => Assert.True(Denies(PowerUser, "lambda:InvokeFunction", $"arn:aws:lambda:eu-west-1:111122223333:function:{name}"), name));
        var parameterName = TemplateTool.Parameters()["BreakGlassParameterName"]!["Default"]!.GetValue<string>();
        Assert.True(Denies(PowerUser, "ssm:PutParameter", $"arn:aws:ssm:eu-west-1:111122223333:parameter{parameterName}"));
    }

    [Fact]
    public void Only_admins_invoke_or_reconfigure_the_functions()
    {
        const string Function = "arn:aws:lambda:eu-west-1:111122223333:function:spectrum-guardrail-access-path";

        foreach (var action in new[] { "lambda:InvokeFunction", "lambda:UpdateFunctionConfiguration", "lambda:PutFunctionConcurrency", "lambda:RemovePermission" })
        {
            Assert.True(Denies(PowerUser, action, Function), action);
            Assert.True(Denies(FunctionRole, action, Function), action);
            Assert.False(Denies(Admin, action, Function), action);
        }

        Assert.False(Denies(PowerUser, "lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:orders-api"));
    }

    [Fact]
    public void Only_break_glass_roles_set_the_break_glass_switch()
    {
        Assert.False(Denies(BreakGlass, "ssm:PutParameter", Parameter));
        Assert.True(Denies(Admin, "ssm:PutParameter", Parameter));
        Assert.True(Denies(PowerUser, "ssm:DeleteParameter", Parameter));
        Assert.False(Denies(PowerUser, "ssm:GetParameter", Parameter));
        Assert.False(Denies(PowerUser, "ssm:PutParameter", "arn:aws:ssm:eu-west-1:111122223333:parameter/app/config"));
    }

    [Theory]
    [InlineData("iam:TagRole", "arn:aws:iam::111122223333:role/reader")]
    [InlineData("iam:UntagRole", "arn:aws:iam::111122223333:role/reader")]
    [InlineData("iam:TagPolicy", "arn:aws:iam::111122223333:policy/spectrum-lake-read")]
    [InlineData("iam:UntagPolicy", "arn:aws:iam::111122223333:policy/spectrum-lake-read")]
    [InlineData("kms:TagResource", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("kms:UntagResource", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void Only_admins_add_or_remove_the_protected_tag(string action, string resource)
    {
        (string, ContextValue) Keys(params string[] keys) => ("aws:TagKeys", ContextValue.Of(keys));

        Assert.True(Denies(PowerUser, action, resource, Keys("spectrum-guardrail")));
        Assert.True(Denies(PowerUser, action, resource, Keys("team", "spectrum-guardrail")));
        Assert.False(Denies(PowerUser, action, resource, Keys("team")));
        Assert.False(Denies(Admin, action, resource, Keys("spectrum-guardrail")));
    }

    [Theory]
    [InlineData("dynamodb:PutItem")]
    [InlineData("dynamodb:UpdateItem")]
    [InlineData("dynamodb:DeleteItem")]
    [InlineData("dynamodb:BatchWriteItem")]
    [InlineData("dynamodb:PartiQLUpdate")]
    public void Only_the_function_roles_write_the_state_table(string action)
    {
        Assert.False(Denies(FunctionRole, action, Table));
        Assert.True(Denies(PowerUser, action, Table));
        Assert.True(Denies(Admin, action, Table));
        Assert.False(Denies(PowerUser, "dynamodb:GetItem", Table));
        Assert.False(Denies(PowerUser, action, "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"));
    }

    [Fact]
    public void Only_admins_change_the_state_tables_policy()
    {
        Assert.True(Denies(PowerUser, "dynamodb:DeleteResourcePolicy", Table));
        Assert.True(Denies(FunctionRole, "dynamodb:PutResourcePolicy", Table));
        Assert.False(Denies(Admin, "dynamodb:PutResourcePolicy", Table));
    }
}
