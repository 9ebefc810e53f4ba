using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// Each function's IAM role, as the template deploys it, evaluated with the guardrail's own policy evaluator: it can
/// do what its handler needs on a protected resource, and cannot write a bucket or trust policy outside the protected set.
/// </summary>
public sealed class IamPolicyTests
{
    private const string Protected = "arn:aws:s3:::amzn-s3-demo-bucket";
    private const string Unprotected = "arn:aws:s3:::someone-elses-bucket";
    private const string SpectrumRole = "arn:aws:iam::123456789012:role/reader";
    private const string OtherRole = "arn:aws:iam::123456789012:role/Admin";
    private const string Table = "arn:aws:dynamodb:us-east-1:123456789012:table/StateTable";
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:AlertTopic";

    private static List<PolicyDocument> RolePolicies(string role, string rollback)
    {
        var parameters = new Dictionary<string, string>(TemplateTool.DefaultParameters) { ["Rollback"] = rollback };
        var resource = TemplateTool.Resources(parameters: parameters)[role]!;
        return [.. resource["Properties"]!["Policies"]!.AsArray().Select(p => PolicyParser.Parse(p!["PolicyDocument"]!.ToJsonString(), PolicyKind.Identity))];
    }

    private static bool Allows(List<PolicyDocument> policies, string action, string resource)
    {
        var request = new AccessRequest(action, new ConcreteResource(resource), new RoleSessionPrincipal(RoleArn.Parse("arn:aws:iam::123456789012:role/function")), new RequestContext([], fallback: ContextValue.Absent), action);
        var decisions = policies.Select(p => PolicyEvaluator.Evaluate(p, request, GrantSource.PolicyMustAllow)).ToList();
        return decisions.Any(d => d.Allow == Tri.True) && decisions.All(d => d.Deny == Tri.False);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void The_bucket_function_reads_protected_buckets_and_writes_them_only_with_rollback(string rollback)
    {
        var policies = RolePolicies("BucketPolicyFunctionRole", rollback);

        Assert.True(Allows(policies, "s3:GetBucketPolicy", Protected));
        Assert.Equal(rollback == "true", Allows(policies, "s3:PutBucketPolicy", Protected));
        Assert.Equal(rollback == "true", Allows(policies, "s3:DeleteBucketPolicy", Protected));
        Assert.False(Allows(policies, "s3:PutBucketPolicy", Unprotected));
        Assert.False(Allows(policies, "s3:GetBucketPolicy", Unprotected));
        Assert.False(Allows(policies, "iam:UpdateAssumeRolePolicy", SpectrumRole));
        Assert.True(Allows(policies, "dynamodb:PutItem", Table));
        Assert.True(Allows(policies, "sns:Publish", Topic));
        Assert.False(Allows(policies, "s3:GetObject", Protected + "/data/file.parquet"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void The_trust_function_reads_spectrum_roles_and_updates_them_only_with_rollback(string rollback)
    {
        var policies = RolePolicies("TrustPolicyFunctionRole", rollback);

        Assert.True(Allows(policies, "iam:GetRole", SpectrumRole));
        Assert.True(Allows(policies, "iam:GetRole", "arn:aws:iam::123456789012:role/redshift"));
        Assert.Equal(rollback == "true", Allows(policies, "iam:UpdateAssumeRolePolicy", SpectrumRole));
        Assert.False(Allows(policies, "iam:UpdateAssumeRolePolicy", OtherRole));
        Assert.False(Allows(policies, "iam:PutRolePolicy", SpectrumRole));
        Assert.False(Allows(policies, "s3:PutBucketPolicy", Protected));
    }

    [Fact]
    public void The_drift_scan_never_writes_a_policy()
    {
        var policies = RolePolicies("DriftScanFunctionRole", "true");

        Assert.True(Allows(policies, "s3:GetBucketPolicy", Protected));
        Assert.True(Allows(policies, "iam:GetRole", SpectrumRole));
        Assert.False(Allows(policies, "s3:PutBucketPolicy", Protected));
        Assert.False(Allows(policies, "s3:DeleteBucketPolicy", Protected));
        Assert.False(Allows(policies, "iam:UpdateAssumeRolePolicy", SpectrumRole));
        Assert.False(Allows(policies, "s3:ListAllMyBuckets", "*"));
    }

    [Fact]
    public void Protecting_every_bucket_grants_bucket_wide_access_and_lets_the_scan_list_buckets()
    {
        var parameters = new Dictionary<string, string>(TemplateTool.DefaultParameters) { ["ProtectedBuckets"] = "*" };
        var resources = TemplateTool.Resources(parameters: parameters);
        var drift = resources["DriftScanFunctionRole"]!["Properties"]!["Policies"]!.AsArray().Select(p => PolicyParser.Parse(p!["PolicyDocument"]!.ToJsonString(), PolicyKind.Identity)).ToList();

        Assert.True(Allows(drift, "s3:ListAllMyBuckets", "*"));
        Assert.True(Allows(drift, "s3:GetBucketPolicy", Unprotected));
    }

    [Fact]
    public void No_role_allows_a_write_action_on_every_resource()
    {
        var readOnly = new[] { "Get", "List", "Describe" };
        foreach (var (logical, role) in TemplateTool.OfType(TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters) { ["ProtectedBuckets"] = "*" }), "AWS::IAM::Role"))
        {
            foreach (var policy in role["Properties"]!["Policies"]?.AsArray() ?? [])
            {
                var document = PolicyParser.Parse(policy!["PolicyDocument"]!.ToJsonString(), PolicyKind.Identity);
                foreach (var statement in document.Statements.Where(s => s.Effect == Effect.Allow && s.Resource!.Patterns.Contains("*")))
                {
                    Assert.All(statement.Action.Patterns, action => Assert.True(
                        readOnly.Any(prefix => action.Split(':')[1].StartsWith(prefix, StringComparison.Ordinal)),
                        $"{logical} allows {action} on every resource"));
                }
            }
        }
    }

    [Fact]
    public void Only_the_functions_and_cloudwatch_may_publish_alerts()
    {
        var resources = TemplateTool.Resources();
        var topicPolicy = PolicyParser.Parse(TemplateTool.OfType(resources, "AWS::SNS::TopicPolicy").Single().Resource["Properties"]!["PolicyDocument"]!.ToJsonString(), PolicyKind.Bucket);

        string Decide(string roleArn, string? service = null)
        {
            RequestPrincipal principal = service is null ? new RoleSessionPrincipal(RoleArn.Parse(roleArn)) : new ServicePrincipal([service]);
            var context = new Dictionary<string, ContextValue>
            {
                ["aws:PrincipalArn"] = service is null ? ContextValue.Of(roleArn) : ContextValue.Absent,
                ["aws:PrincipalServiceName"] = service is null ? ContextValue.Absent : ContextValue.Of(service),
                ["aws:SourceArn"] = service is null ? ContextValue.Absent : ContextValue.Of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"),
            };
            var decision = PolicyEvaluator.Evaluate(topicPolicy, new AccessRequest("sns:Publish", new ConcreteResource(Topic), principal, new RequestContext(context, fallback: ContextValue.Absent), "publish"), GrantSource.PolicyMustAllow);
            return ConcreteRequestJson.DecisionText(decision);
        }

        Assert.Equal("allow", Decide("arn:aws:iam::123456789012:role/BucketPolicyFunctionRole"));
        Assert.Equal("allow", Decide("arn:aws:iam::123456789012:role/DriftScanFunctionRole"));
        Assert.Equal("allow", Decide("arn:aws:iam::123456789012:role/unused", "cloudwatch.amazonaws.com"));
        Assert.Equal("deny", Decide("arn:aws:iam::123456789012:role/Admin"));
    }
}
