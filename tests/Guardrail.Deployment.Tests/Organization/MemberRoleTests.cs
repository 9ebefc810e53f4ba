using Guardrail.Aws.Calls;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>
/// The member role's permissions, evaluated with the guardrail's evaluator: the reads the access-path collector makes,
/// in its own account and any Region (IAM is global, so one role serves every Region); per enabled restore kind, the
/// write that restores it, on tagged (IAM, KMS, EC2) or named (S3) resources of its account only; nothing else.
/// </summary>
public sealed class MemberRoleTests
{
    private const string Account = OrgSetup.MemberAccount;
    private static readonly string Role = $"arn:aws:iam::{Account}:role/{OrgSetup.MemberRoleName}";
    private static readonly (string Key, ContextValue Value) Tagged = PolicyCheck.Tag("spectrum-guardrail", "protected");
    private static readonly (string Key, ContextValue Value) OwnBucket = ("s3:ResourceAccount", ContextValue.Of(Account));

    private static List<PolicyDocument> Policies(string rollback = "false", string buckets = "*")
    {
        var parameters = OrgSetup.MemberParameters("us-east-1", Account, rollback);
        parameters["ProtectedBuckets"] = buckets;
        return PolicyCheck.RolePolicies(TemplateTool.Resources(OrgSetup.Member, parameters), "MemberRole");
    }

    private static bool Allows(List<PolicyDocument> policies, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(Role, action, resource, context));

    // Every read of the access path (src/Guardrail.Aws) with a resource of the member account in a Region other than the home one.
    private static readonly (string Action, string Resource)[] Reads =
    [
        .. new[] { "iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies" }.Select(a => (a, $"arn:aws:iam::{Account}:role/lake/reader")),
        ("iam:GetPolicy", $"arn:aws:iam::{Account}:policy/spectrum-lake-read"), ("iam:GetPolicyVersion", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
        .. new[] { "s3:GetBucketPolicy", "s3:GetEncryptionConfiguration", "s3:GetBucketOwnershipControls" }.Select(a => (a, "arn:aws:s3:::producer-lake")),
        .. new[] { "kms:DescribeKey", "kms:GetKeyPolicy", "kms:ListGrants" }.Select(a => (a, $"arn:aws:kms:ap-southeast-2:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab")),
        ("redshift:DescribeClusters", $"arn:aws:redshift:ap-southeast-2:{Account}:cluster:analytics"),
        ("redshift-serverless:GetNamespace", $"arn:aws:redshift-serverless:ap-southeast-2:{Account}:namespace/7d5a8e11-3c1f-4e2b-9a0d-1f2e3d4c5b6a"),
        ("glue:GetResourcePolicy", $"arn:aws:glue:ap-southeast-2:{Account}:catalog"),
        .. RequiredPermissions.LakeFormationAndNetworkReads.Select(a => (a, a switch
        {
            "redshift-serverless:GetWorkgroup" => $"arn:aws:redshift-serverless:ap-southeast-2:{Account}:workgroup/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            "s3:GetAccessPoint" or "s3:GetAccessPointPolicy" => $"arn:aws:s3:ap-southeast-2:{Account}:accesspoint/lake-reader",
            _ => "*",
        })),
        .. new[] { "organizations:DescribeOrganization", "organizations:ListRoots", "organizations:ListParents", "organizations:ListPoliciesForTarget", "organizations:DescribePolicy" }.Select(a => (a, "*")),
    ];

    [Fact]
    public void The_member_role_reads_every_hop_in_its_account_in_any_Region()
    {
        var policies = Policies();

        Assert.All(Reads, r => Assert.True(Allows(policies, r.Action, r.Resource, OwnBucket), $"{r.Action} on {r.Resource}"));
    }

    [Fact]
    public void The_member_role_reads_what_the_access_path_function_reads_and_nothing_more()
    {
        static SortedSet<string> ReadActions(IEnumerable<PolicyDocument> policies) => new(policies
            .SelectMany(p => p.Statements)
            .Where(s => s.Effect == Effect.Allow)
            .SelectMany(s => s.Action.Patterns)
            .Where(a => a.Split(':')[1] is var name && (name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal) || name.StartsWith("Describe", StringComparison.Ordinal))), StringComparer.Ordinal);

        // The access-path role's own state (DynamoDB) and break-glass switch (SSM) stay in the central account.
        var central = ReadActions(PolicyCheck.RolePolicies(TemplateTool.Resources(), "AccessPathFunctionRole"));
        central.RemoveWhere(a => a.StartsWith("dynamodb:", StringComparison.Ordinal) || a.StartsWith("ssm:", StringComparison.Ordinal));
        var member = ReadActions(Policies("true"));

        Assert.Equal(central, member);
        Assert.Equal(new SortedSet<string>(Reads.Select(r => r.Action), StringComparer.Ordinal), member);
    }

    [Fact]
    public void The_member_role_reads_nothing_of_other_accounts_and_no_data()
    {
        var policies = Policies("true");
        (string Action, string Resource, (string, ContextValue)[] Context)[] outside =
        [
            ("iam:GetRolePolicy", "arn:aws:iam::444455556666:role/reader", []),
            ("kms:GetKeyPolicy", "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab", []),
            ("s3:GetBucketPolicy", "arn:aws:s3:::someone-elses-bucket", [("s3:ResourceAccount", ContextValue.Of("444455556666"))]),
            ("s3:GetBucketPolicy", "arn:aws:s3:::someone-elses-bucket", []),
            ("glue:GetResourcePolicy", "arn:aws:glue:us-east-1:444455556666:catalog", []),
            ("s3:GetObject", "arn:aws:s3:::producer-lake/sales/part-0.parquet", [OwnBucket, Tagged]),
            ("kms:Decrypt", $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", [Tagged]),
            ("glue:GetTable", $"arn:aws:glue:us-east-1:{Account}:table/sales/orders", []),
            ("sts:AssumeRole", $"arn:aws:iam::{Account}:role/OrganizationAccountAccessRole", []),
            ("lakeformation:GetDataAccess", "*", []),
        ];

        Assert.All(outside, r => Assert.False(Allows(policies, r.Action, r.Resource, r.Context), $"{r.Action} on {r.Resource}"));
    }

    // Each restore write of the member role: its kind, a resource of the member account, and what scopes it.
    private static readonly (string Kind, string Action, string Resource)[] Writes =
    [
        ("bucket-policy", "s3:PutBucketPolicy", "arn:aws:s3:::producer-lake"),
        ("bucket-policy", "s3:DeleteBucketPolicy", "arn:aws:s3:::producer-lake"),
        ("trust-policy", "iam:UpdateAssumeRolePolicy", $"arn:aws:iam::{Account}:role/reader"),
        ("inline-policy", "iam:PutRolePolicy", $"arn:aws:iam::{Account}:role/reader"),
        ("inline-policy", "iam:DeleteRolePolicy", $"arn:aws:iam::{Account}:role/reader"),
        ("policy-attachment", "iam:AttachRolePolicy", $"arn:aws:iam::{Account}:role/reader"),
        ("policy-attachment", "iam:DetachRolePolicy", $"arn:aws:iam::{Account}:role/reader"),
        ("default-policy-version", "iam:SetDefaultPolicyVersion", $"arn:aws:iam::{Account}:policy/spectrum-lake-read"),
        ("permissions-boundary", "iam:PutRolePermissionsBoundary", $"arn:aws:iam::{Account}:role/reader"),
        ("permissions-boundary", "iam:DeleteRolePermissionsBoundary", $"arn:aws:iam::{Account}:role/reader"),
        ("key-policy", "kms:PutKeyPolicy", $"arn:aws:kms:eu-west-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("key-state", "kms:EnableKey", $"arn:aws:kms:eu-west-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("key-state", "kms:CancelKeyDeletion", $"arn:aws:kms:eu-west-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("bucket-encryption", "s3:PutEncryptionConfiguration", "arn:aws:s3:::producer-lake"),
        ("ownership-controls", "s3:PutBucketOwnershipControls", "arn:aws:s3:::producer-lake"),
        ("lf-permissions", "lakeformation:GrantPermissions", "*"),
        ("vpc-endpoint-policy", "ec2:ModifyVpcEndpoint", $"arn:aws:ec2:eu-west-1:{Account}:vpc-endpoint/vpce-1a2b3c4d5e6f70819"),
        ("access-point-policy", "s3:PutAccessPointPolicy", $"arn:aws:s3:eu-west-1:{Account}:accesspoint/lake-reader"),
    ];

    // The writes AWS lets an IAM policy limit by aws:ResourceTag (IAM roles and policies, KMS keys, EC2 endpoints).
    private static readonly HashSet<string> TagScoped = ["iam", "kms", "ec2"];

    public static TheoryData<string> RollbackSettings()
    {
        var data = new TheoryData<string> { "false", "true", "key-policy,key-state" };
        foreach (var kind in Writes.Select(w => w.Kind).Distinct())
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RollbackSettings))]
    public void Each_restore_write_is_granted_exactly_when_its_kind_is_enabled(string rollback)
    {
        var policies = Policies(rollback);
        var kinds = Writes.Select(w => w.Kind).Distinct().ToList();
        var enabled = rollback switch { "true" => kinds, "false" => [], _ => [.. rollback.Split(',')] };

        Assert.Equal(Functions.Configuration.RollbackKinds.All.Order(), kinds.Order());
        foreach (var (kind, action, resource) in Writes)
        {
            Assert.True(Allows(policies, action, resource, Tagged, OwnBucket) == enabled.Contains(kind), $"RollbackKinds={rollback}: {action} on {resource}");
        }
    }

    [Fact]
    public void IAM_KMS_and_EC2_restores_need_the_protected_tag_and_S3_restores_the_account_and_name()
    {
        var policies = Policies("true", "producer-lake,finance-lake");
        var other = ("s3:ResourceAccount", ContextValue.Of("444455556666"));

        foreach (var (_, action, resource) in Writes.Where(w => TagScoped.Contains(w.Action.Split(':')[0])))
        {
            Assert.False(Allows(policies, action, resource), $"{action} untagged");
            Assert.False(Allows(policies, action, resource, PolicyCheck.Tag("spectrum-guardrail", "true")), $"{action} tagged otherwise");
        }

        Assert.True(Allows(policies, "s3:PutBucketPolicy", "arn:aws:s3:::finance-lake", OwnBucket));
        Assert.False(Allows(policies, "s3:PutBucketPolicy", "arn:aws:s3:::scratch", OwnBucket, Tagged), "not a protected name");
        Assert.False(Allows(policies, "s3:PutBucketPolicy", "arn:aws:s3:::finance-lake", other), "another account's bucket");
        Assert.False(Allows(policies, "s3:PutEncryptionConfiguration", "arn:aws:s3:::finance-lake"), "account unknown: refused");
        Assert.False(Allows(policies, "s3:PutAccessPointPolicy", "arn:aws:s3:eu-west-1:444455556666:accesspoint/lake-reader", Tagged));
        Assert.False(Allows(policies, "kms:PutKeyPolicy", "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab", Tagged));
        Assert.False(Allows(policies, "iam:PutRolePolicy", "arn:aws:iam::444455556666:role/reader", Tagged));
    }

    [Fact]
    public void The_member_role_never_writes_itself_even_tagged_protected()
    {
        var policies = Policies("true");

        Assert.All(new[] { "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:DeleteRolePermissionsBoundary" }, action => Assert.False(Allows(policies, action, Role, Tagged), action));
        Assert.True(Allows(policies, "iam:PutRolePolicy", $"arn:aws:iam::{Account}:role/reader", Tagged));
    }

    [Fact]
    public void No_write_of_the_member_role_is_on_every_resource_but_Lake_Formations_grant()
    {
        var readOnly = new[] { "Get", "List", "Describe" };

        foreach (var document in Policies("true"))
        {
            foreach (var statement in document.Statements.Where(s => s.Effect == Effect.Allow && s.Resource!.Patterns.Contains("*")))
            {
                Assert.All(statement.Action.Patterns, action => Assert.True(
                    readOnly.Any(prefix => action.Split(':')[1].StartsWith(prefix, StringComparison.Ordinal)) || action == "lakeformation:GrantPermissions",
                    $"{action} on every resource"));
            }
        }
    }
}
