using System.Text.Json.Nodes;
using Guardrail.Changes.CloudFormation;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// The CloudFormation hook as the template deploys it (EnableHook=true), its roles evaluated with the guardrail's own
/// policy evaluator: the function only reads, and only CloudFormation's hooks service, for this account, invokes it.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-lambdahook.html
/// </summary>
public sealed class HookTemplateTests
{
    private const string Protected = "arn:aws:s3:::amzn-s3-demo-bucket";
    private const string SpectrumRole = "arn:aws:iam::123456789012:role/reader";
    private const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static JsonObject Resources(params (string Key, string Value)[] overrides)
    {
        var parameters = new Dictionary<string, string>(TemplateTool.DefaultParameters) { ["EnableHook"] = "true", ["Rollback"] = "true" };
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return TemplateTool.Resources(parameters: parameters);
    }

    private static bool Allows(JsonObject resources, string role, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        PolicyCheck.IdentityAllows(PolicyCheck.RolePolicies(resources, role), PolicyCheck.ByRole("arn:aws:iam::123456789012:role/function", action, resource, [PolicyCheck.Tag("spectrum-guardrail", "protected"), .. context]));

    [Fact]
    public void Without_EnableHook_there_is_no_hook()
    {
        var resources = TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters));

        Assert.Empty(TemplateTool.OfType(resources, "AWS::CloudFormation::LambdaHook"));
        Assert.Null(resources["HookFunction"]);
        Assert.Null(resources["HookInvocationRole"]);
    }

    [Fact]
    public void The_hook_warns_by_default_on_pre_provision_resource_operations_of_types_the_guardrail_maps()
    {
        var hook = Assert.Single(TemplateTool.OfType(Resources(), "AWS::CloudFormation::LambdaHook")).Resource["Properties"]!;

        Assert.Equal("WARN", hook["FailureMode"]!.GetValue<string>());
        Assert.Equal(["RESOURCE"], hook["TargetOperations"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["PRE_PROVISION"], hook["TargetFilters"]!["InvocationPoints"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["CREATE", "UPDATE", "DELETE"], hook["TargetFilters"]!["Actions"]!.AsArray().Select(o => o!.GetValue<string>()));
        var targets = hook["TargetFilters"]!["TargetNames"]!.AsArray().Select(o => o!.GetValue<string>()).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, type => Assert.Contains(type, CloudFormationResources.Types));

        var fail = Assert.Single(TemplateTool.OfType(Resources(("HookFailureMode", "FAIL")), "AWS::CloudFormation::LambdaHook")).Resource["Properties"]!;
        Assert.Equal("FAIL", fail["FailureMode"]!.GetValue<string>());
    }

    [Fact]
    public void The_hook_function_reads_the_path_and_writes_nothing_even_with_every_restore_enabled()
    {
        var resources = Resources();

        Assert.True(Allows(resources, "HookFunctionRole", "s3:GetBucketPolicy", Protected));
        Assert.True(Allows(resources, "HookFunctionRole", "iam:GetRolePolicy", SpectrumRole));
        Assert.True(Allows(resources, "HookFunctionRole", "kms:GetKeyPolicy", Key));
        foreach (var (action, resource) in new[]
        {
            ("s3:PutBucketPolicy", Protected), ("s3:DeleteBucketPolicy", Protected), ("iam:UpdateAssumeRolePolicy", SpectrumRole),
            ("iam:PutRolePolicy", SpectrumRole), ("iam:AttachRolePolicy", SpectrumRole), ("kms:PutKeyPolicy", Key), ("kms:EnableKey", Key),
            ("s3:PutEncryptionConfiguration", Protected), ("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:FailedInvocationsQueue"),
        })
        {
            Assert.False(Allows(resources, "HookFunctionRole", action, resource), $"the hook function may {action} on {resource}");
        }
    }

    [Fact]
    public void The_hook_function_reads_only_the_paths_recorded_states()
    {
        var resources = Resources();
        const string table = "arn:aws:dynamodb:us-east-1:123456789012:table/StateTable";

        Assert.True(Allows(resources, "HookFunctionRole", "dynamodb:GetItem", table, PolicyCheck.LeadingKeys("knowngood#path#redshift")));
        Assert.False(Allows(resources, "HookFunctionRole", "dynamodb:GetItem", table, PolicyCheck.LeadingKeys("knowngood#bucket#amzn-s3-demo-bucket")));
        Assert.False(Allows(resources, "HookFunctionRole", "dynamodb:PutItem", table, PolicyCheck.LeadingKeys("knowngood#path#redshift")));
    }

    [Fact]
    public void Only_CloudFormation_s_hooks_service_for_this_account_invokes_the_hook_and_only_the_hook()
    {
        var resources = Resources();
        var trust = PolicyCheck.Parse(resources["HookInvocationRole"]!["Properties"]!["AssumeRolePolicyDocument"]!, PolicyKind.Trust);
        var role = resources["HookInvocationRole"]!["Properties"]!["Policies"]!.AsArray().Select(p => PolicyCheck.Parse(p!["PolicyDocument"]!, PolicyKind.Identity)).ToList();
        var function = resources["SpectrumPathHook"]!["Properties"]!["LambdaFunction"]!.GetValue<string>();

        Assert.True(PolicyCheck.Grants(trust, PolicyCheck.ByService("hooks.cloudformation.amazonaws.com", "sts:AssumeRole", PolicyCheck.RoleArnOf("HookInvocationRole"), ("aws:SourceAccount", ContextValue.Of(PolicyCheck.Account)))));
        Assert.False(PolicyCheck.Grants(trust, PolicyCheck.ByService("hooks.cloudformation.amazonaws.com", "sts:AssumeRole", PolicyCheck.RoleArnOf("HookInvocationRole"), ("aws:SourceAccount", ContextValue.Of("444455556666")))));
        Assert.False(PolicyCheck.Grants(trust, PolicyCheck.ByService("lambda.amazonaws.com", "sts:AssumeRole", PolicyCheck.RoleArnOf("HookInvocationRole"), ("aws:SourceAccount", ContextValue.Of(PolicyCheck.Account)))));
        Assert.True(PolicyCheck.IdentityAllows(role, PolicyCheck.ByRole(PolicyCheck.RoleArnOf("HookInvocationRole"), "lambda:InvokeFunction", function)));
        Assert.False(PolicyCheck.IdentityAllows(role, PolicyCheck.ByRole(PolicyCheck.RoleArnOf("HookInvocationRole"), "lambda:InvokeFunction", function.Replace("hook", "access-path", StringComparison.Ordinal))));
    }
}
