using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Deployment.Tests;

/// <summary>
/// What the guardrail's write power reaches: restores write only roles, customer managed policies and keys tagged
/// ProtectedTagKey=protected (on top of the name scoping), and other accounts are entered only through the named role
/// in the organization's or the listed accounts.
/// </summary>
public sealed class RestoreScopeTests
{
    private const string SpectrumRole = "arn:aws:iam::123456789012:role/reader";
    private const string AccountPolicy = "arn:aws:iam::123456789012:policy/spectrum-lake-read";
    private const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Reader = "arn:aws:iam::444455556666:role/guardrail-reader";

    // Every tag-scoped restore write: the function role that makes it and a resource of the kind it writes.
    public static TheoryData<string, string, string> TaggedWrites() => new()
    {
        { "TrustPolicyFunctionRole", "iam:UpdateAssumeRolePolicy", SpectrumRole },
        { "AccessPathFunctionRole", "iam:PutRolePolicy", SpectrumRole },
        { "AccessPathFunctionRole", "iam:DeleteRolePolicy", SpectrumRole },
        { "AccessPathFunctionRole", "iam:AttachRolePolicy", SpectrumRole },
        { "AccessPathFunctionRole", "iam:DetachRolePolicy", SpectrumRole },
        { "AccessPathFunctionRole", "iam:PutRolePermissionsBoundary", SpectrumRole },
        { "AccessPathFunctionRole", "iam:DeleteRolePermissionsBoundary", SpectrumRole },
        { "AccessPathFunctionRole", "iam:SetDefaultPolicyVersion", AccountPolicy },
        { "AccessPathFunctionRole", "kms:PutKeyPolicy", Key },
        { "AccessPathFunctionRole", "kms:EnableKey", Key },
        { "AccessPathFunctionRole", "kms:CancelKeyDeletion", Key },
        { "AccessPathFunctionRole", "ec2:ModifyVpcEndpoint", Endpoint },
    };

    private const string Endpoint = "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1a2b3c4d5e6f70819";

    private static List<PolicyDocument> Policies(string role, Dictionary<string, string>? overrides = null)
    {
        var parameters = new Dictionary<string, string>(TemplateTool.DefaultParameters) { ["Rollback"] = "true" };
        foreach (var (name, value) in overrides ?? [])
        {
            parameters[name] = value;
        }

        return PolicyCheck.RolePolicies(TemplateTool.Resources(parameters: parameters), role);
    }

    private static bool Allows(List<PolicyDocument> policies, string role, string action, string resource, params (string Key, ContextValue Value)[] context) =>
        PolicyCheck.IdentityAllows(policies, PolicyCheck.ByRole(PolicyCheck.RoleArnOf(role), action, resource, context));

    [Theory]
    [MemberData(nameof(TaggedWrites))]
    public void A_restore_writes_a_resource_tagged_protected_and_no_other(string role, string action, string resource)
    {
        var policies = Policies(role);

        Assert.True(Allows(policies, role, action, resource, PolicyCheck.Tag("spectrum-guardrail", "protected")));
        Assert.False(Allows(policies, role, action, resource), "untagged: alerted only");
        Assert.False(Allows(policies, role, action, resource, PolicyCheck.Tag("spectrum-guardrail", "true")));
        Assert.False(Allows(policies, role, action, resource, PolicyCheck.Tag("Protected", "protected")));
    }

    [Theory]
    [MemberData(nameof(TaggedWrites))]
    public void The_tag_key_is_the_configured_one(string role, string action, string resource)
    {
        var policies = Policies(role, new() { ["ProtectedTagKey"] = "security:guardrail" });

        Assert.True(Allows(policies, role, action, resource, PolicyCheck.Tag("security:guardrail", "protected")));
        Assert.False(Allows(policies, role, action, resource, PolicyCheck.Tag("spectrum-guardrail", "protected")));
    }

    [Fact]
    public void The_tag_does_not_widen_the_name_scoping()
    {
        var policies = Policies("AccessPathFunctionRole");
        var tagged = PolicyCheck.Tag("spectrum-guardrail", "protected");

        Assert.False(Allows(policies, "AccessPathFunctionRole", "iam:PutRolePolicy", "arn:aws:iam::123456789012:role/Admin", tagged));
        Assert.False(Allows(policies, "AccessPathFunctionRole", "iam:SetDefaultPolicyVersion", "arn:aws:iam::aws:policy/AdministratorAccess", tagged));
        Assert.False(Allows(policies, "AccessPathFunctionRole", "kms:PutKeyPolicy", "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab", tagged));
        Assert.False(Allows(Policies("TrustPolicyFunctionRole"), "TrustPolicyFunctionRole", "iam:UpdateAssumeRolePolicy", "arn:aws:iam::123456789012:role/Admin", tagged));
        Assert.False(Allows(policies, "AccessPathFunctionRole", "ec2:ModifyVpcEndpoint", "arn:aws:ec2:us-east-1:444455556666:vpc-endpoint/vpce-1a2b3c4d5e6f70819", tagged));
        Assert.False(Allows(policies, "AccessPathFunctionRole", "ec2:ModifyVpcEndpoint", "arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-1a2b3c4d5e6f70819", tagged));
    }

    [Fact]
    public void Access_point_restores_stay_in_the_account_and_Region()
    {
        var path = Policies("AccessPathFunctionRole");

        Assert.True(Allows(path, "AccessPathFunctionRole", "s3:PutAccessPointPolicy", "arn:aws:s3:us-east-1:123456789012:accesspoint/lake-reader"));
        Assert.False(Allows(path, "AccessPathFunctionRole", "s3:DeleteAccessPointPolicy", "arn:aws:s3:us-east-1:123456789012:accesspoint/lake-reader"));
        Assert.False(Allows(path, "AccessPathFunctionRole", "s3:PutAccessPointPolicy", "arn:aws:s3:us-east-1:444455556666:accesspoint/lake-reader"));
        Assert.False(Allows(path, "AccessPathFunctionRole", "s3:PutAccessPointPolicy", "arn:aws:s3:eu-west-1:123456789012:accesspoint/lake-reader"));
        Assert.False(Allows(path, "AccessPathFunctionRole", "s3:PutBucketPolicy", "arn:aws:s3:us-east-1:123456789012:accesspoint/lake-reader"));
    }

    [Fact]
    public void Bucket_restores_stay_scoped_to_the_protected_bucket_names()
    {
        var bucket = Policies("BucketPolicyFunctionRole");
        var path = Policies("AccessPathFunctionRole");

        Assert.True(Allows(bucket, "BucketPolicyFunctionRole", "s3:PutBucketPolicy", "arn:aws:s3:::finance-lake"));
        Assert.True(Allows(path, "AccessPathFunctionRole", "s3:PutEncryptionConfiguration", "arn:aws:s3:::amzn-s3-demo-bucket"));
        Assert.False(Allows(bucket, "BucketPolicyFunctionRole", "s3:PutBucketPolicy", "arn:aws:s3:::someone-elses-bucket"));
    }

    [Theory]
    [InlineData("AccessPathFunctionRole")]
    [InlineData("DriftScanFunctionRole")]
    public void With_an_organization_the_named_role_is_assumed_only_in_its_accounts(string role)
    {
        var policies = Policies(role, new() { ["AccountRoleName"] = "guardrail-reader", ["OrgId"] = "o-abcdefghij" });
        (string, ContextValue) Org(string id) => ("aws:ResourceOrgID", ContextValue.Of(id));

        Assert.True(Allows(policies, role, "sts:AssumeRole", Reader, Org("o-abcdefghij")));
        Assert.False(Allows(policies, role, "sts:AssumeRole", Reader, Org("o-zzzzzzzzzz")));
        Assert.False(Allows(policies, role, "sts:AssumeRole", Reader), "no organization known: refused");
        Assert.False(Allows(policies, role, "sts:AssumeRole", "arn:aws:iam::444455556666:role/Admin", Org("o-abcdefghij")));
    }

    [Theory]
    [InlineData("AccessPathFunctionRole")]
    [InlineData("DriftScanFunctionRole")]
    public void Without_an_organization_the_named_role_is_assumed_only_in_the_listed_accounts(string role)
    {
        var policies = Policies(role, new() { ["AccountRoleName"] = "guardrail-reader", ["MemberAccountIds"] = "444455556666,777788889999" });
        (string, ContextValue) Account(string id) => ("aws:ResourceAccount", ContextValue.Of(id));

        Assert.True(Allows(policies, role, "sts:AssumeRole", Reader, Account("444455556666")));
        Assert.True(Allows(policies, role, "sts:AssumeRole", "arn:aws:iam::777788889999:role/guardrail-reader", Account("777788889999")));
        Assert.False(Allows(policies, role, "sts:AssumeRole", "arn:aws:iam::111100002222:role/guardrail-reader", Account("111100002222")));
        Assert.False(Allows(policies, role, "sts:AssumeRole", "arn:aws:iam::444455556666:role/Admin", Account("444455556666")));
    }

    [Theory]
    [InlineData("guardrail-reader", "")]
    [InlineData("", "444455556666")]
    public void Without_an_organization_or_an_account_list_or_a_role_name_no_role_is_assumed(string accountRoleName, string members)
    {
        foreach (var role in new[] { "AccessPathFunctionRole", "DriftScanFunctionRole" })
        {
            var policies = Policies(role, new() { ["AccountRoleName"] = accountRoleName, ["MemberAccountIds"] = members });

            Assert.All(policies.SelectMany(p => p.Statements), s => Assert.DoesNotContain("sts:AssumeRole", s.Action.Patterns));
        }
    }
}
