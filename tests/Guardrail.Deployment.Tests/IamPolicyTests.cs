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
    private const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string OtherAccountKey = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string AccountPolicy = "arn:aws:iam::123456789012:policy/spectrum-lake-read";
    private const string AwsManagedPolicy = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private const string OtherAccountPolicy = "arn:aws:iam::444455556666:policy/spectrum-lake-read";

    // Every write a restore needs: the restore kind that enables it, the function role that gets it, and a protected
    // resource it acts on.
    private static readonly (string Kind, string Role, string Action, string Resource)[] RestoreWrites =
    [
        ("bucket-policy", "BucketPolicyFunctionRole", "s3:PutBucketPolicy", Protected),
        ("bucket-policy", "BucketPolicyFunctionRole", "s3:DeleteBucketPolicy", Protected),
        ("trust-policy", "TrustPolicyFunctionRole", "iam:UpdateAssumeRolePolicy", SpectrumRole),
        ("inline-policy", "AccessPathFunctionRole", "iam:PutRolePolicy", SpectrumRole),
        ("inline-policy", "AccessPathFunctionRole", "iam:DeleteRolePolicy", SpectrumRole),
        ("policy-attachment", "AccessPathFunctionRole", "iam:AttachRolePolicy", SpectrumRole),
        ("policy-attachment", "AccessPathFunctionRole", "iam:DetachRolePolicy", SpectrumRole),
        ("default-policy-version", "AccessPathFunctionRole", "iam:SetDefaultPolicyVersion", AccountPolicy),
        ("permissions-boundary", "AccessPathFunctionRole", "iam:PutRolePermissionsBoundary", SpectrumRole),
        ("permissions-boundary", "AccessPathFunctionRole", "iam:DeleteRolePermissionsBoundary", SpectrumRole),
        ("key-policy", "AccessPathFunctionRole", "kms:PutKeyPolicy", Key),
        ("key-state", "AccessPathFunctionRole", "kms:EnableKey", Key),
        ("key-state", "AccessPathFunctionRole", "kms:CancelKeyDeletion", Key),
        ("bucket-encryption", "AccessPathFunctionRole", "s3:PutEncryptionConfiguration", Protected),
        ("ownership-controls", "AccessPathFunctionRole", "s3:PutBucketOwnershipControls", Protected),
        ("lf-permissions", "AccessPathFunctionRole", "lakeformation:GrantPermissions", Catalog),
        ("vpc-endpoint-policy", "AccessPathFunctionRole", "ec2:ModifyVpcEndpoint", Endpoint),
        ("access-point-policy", "AccessPathFunctionRole", "s3:PutAccessPointPolicy", AccessPoint),
    ];

    // Lake Formation's actions take no resource ARN; the evaluator is asked about the catalog.
    private const string Catalog = "arn:aws:glue:us-east-1:123456789012:catalog";
    private const string Endpoint = "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1a2b3c4d5e6f70819";
    private const string AccessPoint = "arn:aws:s3:us-east-1:123456789012:accesspoint/lake-reader";

    // Writes IAM cannot scope to a resource, each with what scopes it instead.
    private static readonly Dictionary<string, string> UnscopableWrites = new()
    {
        ["lakeformation:GrantPermissions"] = "Lake Formation authorizes grants itself: the role must hold the grant option on the path's tables (or be a data lake administrator)",
    };

    private static string[] RestoreKinds => [.. RestoreWrites.Select(w => w.Kind).Distinct()];

    private static List<PolicyDocument> RolePolicies(string role, string rollback)
    {
        var parameters = new Dictionary<string, string>(TemplateTool.DefaultParameters) { ["Rollback"] = rollback };
        return PolicyCheck.RolePolicies(TemplateTool.Resources(parameters: parameters), role);
    }

    // Unless a test says otherwise, the resource written is tagged protected (RestoreScopeTests checks untagged ones).
    private static readonly (string Key, ContextValue Value) TaggedProtected = PolicyCheck.Tag("spectrum-guardrail", "protected");

    private static bool Allows(List<PolicyDocument> policies, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole("arn:aws:iam::123456789012:role/function", action, resource, [TaggedProtected, .. context]));

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
        Assert.True(Allows(policies, "dynamodb:PutItem", Table, PolicyCheck.LeadingKeys("knowngood#bucket#amzn-s3-demo-bucket")));
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
        var drift = PolicyCheck.RolePolicies(resources, "DriftScanFunctionRole");

        Assert.True(Allows(drift, "s3:ListAllMyBuckets", "*"));
        Assert.True(Allows(drift, "s3:GetBucketPolicy", Unprotected));
    }

    [Fact]
    public void No_role_allows_a_write_action_on_every_resource()
    {
        var readOnly = new[] { "Get", "List", "Describe" };
        var resources = TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters) { ["ProtectedBuckets"] = "*" });
        foreach (var (logical, _) in TemplateTool.OfType(resources, "AWS::IAM::Role"))
        {
            foreach (var document in PolicyCheck.RolePolicies(resources, logical))
            {
                foreach (var statement in document.Statements.Where(s => s.Effect == Effect.Allow && s.Resource!.Patterns.Contains("*")))
                {
                    Assert.All(statement.Action.Patterns, action => Assert.True(
                        readOnly.Any(prefix => action.Split(':')[1].StartsWith(prefix, StringComparison.Ordinal)) || UnscopableWrites.ContainsKey(action),
                        $"{logical} allows {action} on every resource"));
                }
            }
        }
    }

    public static TheoryData<string> RollbackSettings()
    {
        var data = new TheoryData<string> { "false", "true", "key-policy,key-state" };
        foreach (var kind in RestoreKinds)
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RollbackSettings))]
    public void Each_restore_write_is_granted_exactly_when_its_kind_is_enabled(string rollback)
    {
        var enabled = rollback switch
        {
            "true" => RestoreKinds,
            "false" => [],
            _ => rollback.Split(','),
        };

        foreach (var (kind, role, action, resource) in RestoreWrites)
        {
            Assert.True(Allows(RolePolicies(role, rollback), action, resource) == enabled.Contains(kind), $"Rollback={rollback}: {role} {action} on {resource}");
        }
    }

    [Theory]
    [MemberData(nameof(RollbackSettings))]
    public void The_rollback_parameter_accepts_true_false_and_lists_of_restore_kinds(string rollback)
    {
        Assert.Matches(TemplateTool.Parameters()["Rollback"]!["AllowedPattern"]!.GetValue<string>(), rollback);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("key-policy,")]
    [InlineData("key-policy,,key-state")]
    [InlineData("key-policy, key-state")]
    [InlineData("true,key-policy")]
    [InlineData("keypolicy")]
    [InlineData("bucket-policy,policy")]
    public void The_rollback_parameter_refuses_anything_else(string rollback)
    {
        Assert.DoesNotMatch(TemplateTool.Parameters()["Rollback"]!["AllowedPattern"]!.GetValue<string>(), rollback);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public void The_access_path_function_reads_every_hop_of_the_path(string rollback)
    {
        var policies = RolePolicies("AccessPathFunctionRole", rollback);

        foreach (var role in new[] { SpectrumRole, "arn:aws:iam::123456789012:role/redshift", "arn:aws:iam::123456789012:role/hop" })
        {
            Assert.All(new[] { "iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies" }, action => Assert.True(Allows(policies, action, role), $"{action} on {role}"));
        }

        Assert.All(new[] { AccountPolicy, AwsManagedPolicy }, policy => Assert.True(Allows(policies, "iam:GetPolicy", policy) && Allows(policies, "iam:GetPolicyVersion", policy), policy));
        Assert.All(new[] { "s3:GetBucketPolicy", "s3:GetEncryptionConfiguration", "s3:GetBucketOwnershipControls" }, action => Assert.True(Allows(policies, action, Protected), action));
        Assert.All(new[] { "kms:DescribeKey", "kms:GetKeyPolicy", "kms:ListGrants" }, action => Assert.True(Allows(policies, action, Key), action));
        Assert.True(Allows(policies, "redshift:DescribeClusters", "arn:aws:redshift:us-east-1:123456789012:cluster:analytics"));
        Assert.True(Allows(policies, "redshift-serverless:GetNamespace", "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/7d5a8e11-3c1f-4e2b-9a0d-1f2e3d4c5b6a"));
        Assert.True(Allows(policies, "glue:GetResourcePolicy", "arn:aws:glue:us-east-1:123456789012:catalog"));
        Assert.All(new[] { "lakeformation:ListResources", "lakeformation:DescribeResource", "lakeformation:ListPermissions", "lakeformation:GetResourceLFTags", "lakeformation:ListLakeFormationOptIns", "lakeformation:GetDataLakeSettings" }, action => Assert.True(Allows(policies, action, Catalog), action));
        Assert.All(new[] { "ec2:DescribeVpcEndpoints", "ec2:DescribeRouteTables", "ec2:DescribeSubnets" }, action => Assert.True(Allows(policies, action, "*"), action));
        Assert.True(Allows(policies, "redshift-serverless:GetWorkgroup", "arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"));
        Assert.All(new[] { "s3:GetAccessPoint", "s3:GetAccessPointPolicy" }, action => Assert.True(Allows(policies, action, AccessPoint), action));
        Assert.True(Allows(policies, "s3:ListAccessPoints", "*"));
        Assert.All(new[] { "organizations:DescribeOrganization", "organizations:ListParents", "organizations:ListPoliciesForTarget", "organizations:DescribePolicy" }, action => Assert.True(Allows(policies, action, "arn:aws:organizations::999999999999:account/o-abc1234567/123456789012"), action));
        Assert.True(Allows(policies, "dynamodb:PutItem", Table, PolicyCheck.LeadingKeys("knowngood#path#sales")));
        Assert.True(Allows(policies, "sns:Publish", Topic));
    }

    [Fact]
    public void The_access_path_function_can_do_nothing_outside_the_path_even_with_every_restore_enabled()
    {
        var policies = RolePolicies("AccessPathFunctionRole", "true");

        (string Action, string Resource)[] outside =
        [
            // Unprotected resources, reads and writes alike.
            ("s3:GetEncryptionConfiguration", Unprotected), ("s3:PutEncryptionConfiguration", Unprotected), ("s3:PutBucketOwnershipControls", Unprotected),
            ("iam:GetRolePolicy", OtherRole), ("iam:PutRolePolicy", OtherRole), ("iam:AttachRolePolicy", OtherRole), ("iam:PutRolePermissionsBoundary", OtherRole),
            ("iam:SetDefaultPolicyVersion", OtherAccountPolicy), ("iam:SetDefaultPolicyVersion", AwsManagedPolicy),
            ("kms:PutKeyPolicy", OtherAccountKey), ("kms:GetKeyPolicy", OtherAccountKey),

            // Only the exact inverses: never the breaking calls themselves, other writes, or the data.
            ("iam:CreatePolicyVersion", AccountPolicy), ("iam:DeleteRole", SpectrumRole), ("iam:UpdateAssumeRolePolicy", SpectrumRole),
            ("kms:DisableKey", Key), ("kms:ScheduleKeyDeletion", Key), ("kms:Decrypt", Key), ("kms:CreateGrant", Key),
            ("s3:PutBucketPolicy", Protected), ("s3:GetObject", Protected + "/sales/part-0.parquet"),
            ("sts:AssumeRole", "arn:aws:iam::444455556666:role/guardrail-reader"),

            // Lake Formation, endpoints and access points: only the inverses of the restorable calls.
            ("lakeformation:RevokePermissions", Catalog), ("lakeformation:BatchRevokePermissions", Catalog), ("lakeformation:BatchGrantPermissions", Catalog),
            ("lakeformation:RegisterResource", Catalog), ("lakeformation:DeregisterResource", Catalog), ("lakeformation:UpdateResource", Catalog),
            ("lakeformation:PutDataLakeSettings", Catalog), ("lakeformation:GetDataAccess", Catalog), ("lakeformation:DeleteLFTag", Catalog),
            ("ec2:DeleteVpcEndpoints", Endpoint), ("ec2:ModifyVpcEndpoint", "arn:aws:ec2:us-east-1:444455556666:vpc-endpoint/vpce-1a2b3c4d5e6f70819"),
            ("ec2:CreateVpcEndpoint", Endpoint), ("redshift-serverless:UpdateWorkgroup", "arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"),
            ("s3:DeleteAccessPoint", AccessPoint), ("s3:DeleteAccessPointPolicy", AccessPoint), ("s3:CreateAccessPoint", AccessPoint), ("s3:PutAccessPointPolicy", "arn:aws:s3:us-east-1:444455556666:accesspoint/lake-reader"),
            ("s3:GetObject", AccessPoint + "/object/sales/part-0.parquet"),
        ];

        Assert.All(outside, request => Assert.False(Allows(policies, request.Action, request.Resource), $"{request.Action} on {request.Resource}"));
    }

    [Fact]
    public void Only_the_named_accounts_may_put_organizations_events_on_the_bus()
    {
        Assert.Empty(TemplateTool.OfType(TemplateTool.Resources(), "AWS::Events::EventBusPolicy"));

        var resources = TemplateTool.Resources(parameters: new(TemplateTool.DefaultParameters) { ["OrganizationsEventAccounts"] = "999999999999" });
        var statement = TemplateTool.OfType(resources, "AWS::Events::EventBusPolicy").Single().Resource["Properties"]!["Statement"]!;
        var busPolicy = PolicyParser.Parse(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement.DeepClone()) }.ToJsonString(), PolicyKind.Bucket);

        bool MayPut(string account, string source)
        {
            var principal = new RoleSessionPrincipal(RoleArn.Parse($"arn:aws:iam::{account}:role/forwarder"), "events");
            var context = new RequestContext(new Dictionary<string, ContextValue> { ["events:source"] = ContextValue.Of(source) }, fallback: ContextValue.Absent);
            var request = new AccessRequest("events:PutEvents", new ConcreteResource("arn:aws:events:us-east-1:123456789012:event-bus/default"), principal, context, "forward");
            return PolicyEvaluator.Evaluate(busPolicy, request, GrantSource.PolicyMustAllow).Allow == Tri.True;
        }

        Assert.True(MayPut("999999999999", "aws.organizations"));
        Assert.False(MayPut("999999999999", "aws.iam"));
        Assert.False(MayPut("444455556666", "aws.organizations"));
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
        Assert.Equal("allow", Decide("arn:aws:iam::123456789012:role/AccessPathFunctionRole"));
        Assert.Equal("allow", Decide("arn:aws:iam::123456789012:role/unused", "cloudwatch.amazonaws.com"));
        Assert.Equal("deny", Decide("arn:aws:iam::123456789012:role/Admin"));
    }
}
