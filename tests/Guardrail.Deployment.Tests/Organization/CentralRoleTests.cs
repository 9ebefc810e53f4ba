using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests.Organization;

/// <summary>
/// The central roles in organization mode, evaluated with the guardrail's evaluator: each may assume only the member
/// role, only in the organization's accounts, and read only the configuration document; only the drift scan enqueues
/// and only the worker consumes; the worker never writes what it judges.
/// </summary>
public sealed class CentralRoleTests
{
    private static readonly string[] Roles = ["BucketPolicyFunctionRole", "TrustPolicyFunctionRole", "AccessPathFunctionRole", "DriftScanFunctionRole", "PathScanWorkerFunctionRole"];
    private const string Queue = "arn:aws:sqs:eu-west-1:123456789012:PathScanQueue";
    private static readonly string MemberRole = $"arn:aws:iam::{OrgSetup.MemberAccount}:role/{OrgSetup.MemberRoleName}";

    private static bool Allows(List<PolicyDocument> policies, string role, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), action, resource, context));

    private static (string, ContextValue) Org(string id) => ("aws:ResourceOrgID", ContextValue.Of(id));

    public static TheoryData<string> AllRoles() => [.. Roles];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void Each_function_assumes_only_the_member_role_and_only_in_the_organization(string role)
    {
        var policies = PolicyCheck.RolePolicies(OrgSetup.CentralResources(), role);

        Assert.True(Allows(policies, role, "sts:AssumeRole", MemberRole, Org(OrgSetup.OrgId)));
        Assert.False(Allows(policies, role, "sts:AssumeRole", MemberRole, Org(OrgSetup.OtherOrgId)));
        Assert.False(Allows(policies, role, "sts:AssumeRole", MemberRole), "no organization known: refused");
        Assert.False(Allows(policies, role, "sts:AssumeRole", $"arn:aws:iam::{OrgSetup.MemberAccount}:role/OrganizationAccountAccessRole", Org(OrgSetup.OrgId)));
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void Without_OrganizationId_no_function_assumes_the_member_role(string role)
    {
        if (role == "PathScanWorkerFunctionRole")
        {
            Assert.False(TemplateTool.Resources().ContainsKey(role));
            return;
        }

        var policies = PolicyCheck.RolePolicies(TemplateTool.Resources(), role);

        Assert.False(Allows(policies, role, "sts:AssumeRole", MemberRole, Org(OrgSetup.OrgId)));
    }

    [Theory]
    [InlineData("s3://guardrail-config-123456789012/spectrum/config.json", "s3:GetObject", "arn:aws:s3:::guardrail-config-123456789012/spectrum/config.json")]
    [InlineData("ssm:/spectrum-guardrail/config", "ssm:GetParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/spectrum-guardrail/config")]
    public void Each_function_reads_the_configuration_document_and_nothing_beside_it(string location, string action, string document)
    {
        var resources = OrgSetup.CentralResources(location);
        foreach (var role in Roles)
        {
            var policies = PolicyCheck.RolePolicies(resources, role);

            Assert.True(Allows(policies, role, action, document), $"{role} reads {document}");
            Assert.False(Allows(policies, role, "s3:GetObject", "arn:aws:s3:::guardrail-config-123456789012/spectrum/other.json"), role);
            Assert.False(Allows(policies, role, "s3:PutObject", "arn:aws:s3:::guardrail-config-123456789012/spectrum/config.json"), role);
            Assert.False(Allows(policies, role, "ssm:GetParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/spectrum-guardrail/other"), role);
            Assert.False(Allows(policies, role, "ssm:PutParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/spectrum-guardrail/config"), role);
        }
    }

    [Fact]
    public void Only_the_drift_scan_enqueues_and_only_the_worker_consumes()
    {
        var resources = OrgSetup.CentralResources();

        foreach (var role in Roles)
        {
            var policies = PolicyCheck.RolePolicies(resources, role);
            Assert.True(Allows(policies, role, "sqs:SendMessage", Queue) == (role == "DriftScanFunctionRole"), $"{role} SendMessage");
            Assert.All(new[] { "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes" }, action => Assert.True(Allows(policies, role, action, Queue) == (role == "PathScanWorkerFunctionRole"), $"{role} {action}"));
            Assert.False(Allows(policies, role, "sqs:PurgeQueue", Queue), role);
        }
    }

    [Fact]
    public void The_worker_reads_the_path_like_the_drift_scan_and_never_writes_it()
    {
        var resources = OrgSetup.CentralResources();
        var worker = PolicyCheck.RolePolicies(resources, "PathScanWorkerFunctionRole");
        var drift = PolicyCheck.RolePolicies(resources, "DriftScanFunctionRole");
        var tagged = PolicyCheck.Tag("spectrum-guardrail", "protected");
        (string Action, string Resource)[] reads =
        [
            ("iam:GetRole", "arn:aws:iam::123456789012:role/reader"), ("iam:GetRolePolicy", "arn:aws:iam::123456789012:role/reader"),
            ("iam:GetPolicyVersion", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), ("s3:GetBucketPolicy", "arn:aws:s3:::amzn-s3-demo-bucket"),
            ("s3:GetEncryptionConfiguration", "arn:aws:s3:::finance-lake"), ("kms:GetKeyPolicy", "arn:aws:kms:eu-west-1:123456789012:key/k"),
            ("redshift:DescribeClusters", "arn:aws:redshift:eu-west-1:123456789012:cluster:analytics"), ("glue:GetResourcePolicy", "arn:aws:glue:eu-west-1:123456789012:catalog"),
            ("lakeformation:ListPermissions", "*"), ("ec2:DescribeVpcEndpoints", "*"), ("organizations:ListPoliciesForTarget", "*"),
        ];
        (string Action, string Resource)[] writes =
        [
            ("s3:PutBucketPolicy", "arn:aws:s3:::amzn-s3-demo-bucket"), ("iam:UpdateAssumeRolePolicy", "arn:aws:iam::123456789012:role/reader"),
            ("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/reader"), ("kms:PutKeyPolicy", "arn:aws:kms:eu-west-1:123456789012:key/k"),
            ("kms:EnableKey", "arn:aws:kms:eu-west-1:123456789012:key/k"), ("lakeformation:GrantPermissions", "*"), ("ec2:ModifyVpcEndpoint", "arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-1a2b3c4d"),
        ];

        Assert.All(reads, r => Assert.True(Allows(worker, "PathScanWorkerFunctionRole", r.Action, r.Resource, tagged) && Allows(drift, "DriftScanFunctionRole", r.Action, r.Resource, tagged), r.Action));
        Assert.All(writes, w => Assert.False(Allows(worker, "PathScanWorkerFunctionRole", w.Action, w.Resource, tagged), w.Action));
        Assert.False(Allows(worker, "PathScanWorkerFunctionRole", "sqs:SendMessage", "arn:aws:sqs:eu-west-1:123456789012:FailedInvocationsQueue"));
    }
}
