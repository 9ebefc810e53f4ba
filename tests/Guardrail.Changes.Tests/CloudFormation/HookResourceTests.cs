using System.Text.Json;
using Guardrail.Changes.CloudFormation;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Tests.CloudFormation;

/// <summary>One resource's already-resolved properties (a CloudFormation hook request), through the same mappers as a template.</summary>
public sealed class HookResourceTests
{
    private static readonly ChangeContext Context = new("hook-request.json", "111122223333", "us-east-1", new Dictionary<string, string>(), new Dictionary<string, string>());

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void A_bucket_policy_maps_to_its_change_without_lines()
    {
        var changes = CloudFormationResources.Changes("AWS::S3::BucketPolicy", "LakePolicy", Json("""{"Bucket": "example-lake", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}}"""), Context);

        var change = Assert.IsType<BucketPolicyChange>(Assert.Single(changes));
        Assert.Equal("example-lake", change.Bucket);
        Assert.Equal(new ChangeSource("hook-request.json", "LakePolicy", null), change.Source);
        var policy = Assert.IsType<Proposed<PolicyText>.Set>(change.Policy);
        Assert.Empty(policy.Value.StatementLines);
        Assert.Contains("\"Effect\":\"Deny\"", policy.Value.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_uses_its_physical_id_and_a_string_policy_document()
    {
        var context = Context with { PhysicalIds = new Dictionary<string, string> { ["Reader"] = "spectrum" } };

        var changes = CloudFormationResources.Changes("AWS::IAM::Role", "Reader", Json("""{"AssumeRolePolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": []}}]}"""), context);

        Assert.Equal(["RoleTrustChange", "RoleInlinePolicyChange", "RoleInlinePolicySetChange"], changes.Select(c => c.GetType().Name));
        Assert.All(changes, c => Assert.Equal("arn:aws:iam::111122223333:role/spectrum", c.Subject));
    }

    [Fact]
    public void Types_off_the_path_make_no_changes()
    {
        Assert.Empty(CloudFormationResources.Changes("AWS::SNS::Topic", "T", Json("{}"), Context));
        Assert.Contains("AWS::S3::BucketPolicy", CloudFormationResources.Types);
    }

    [Fact]
    public void Properties_that_are_not_an_object_are_an_input_error()
    {
        Assert.Throws<ChangeInputException>(() => CloudFormationResources.Changes("AWS::S3::Bucket", "B", Json("[1]"), Context));
        Assert.Throws<ChangeInputException>(() => CloudFormationResources.Changes("AWS::S3::Bucket", "B", Json("""{"BucketName": "b", "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "rot13"}}]}}"""), Context));
    }

    [Fact]
    public void Deleting_resources_removes_what_they_gave_the_path()
    {
        var policy = Json("""{"Bucket": "example-lake", "PolicyDocument": {"Statement": []}}""");
        var inline = Json("""{"PolicyName": "lake-read", "Roles": ["spectrum"], "PolicyDocument": {"Statement": []}}""");
        var grant = Json("""{"Principal": {"DataLakePrincipalIdentifier": "arn:aws:iam::111122223333:role/spectrum"}, "Resource": {"Table": {"DatabaseName": "sales", "Name": "orders"}}, "Permissions": ["SELECT"]}""");

        var bucketPolicy = Assert.IsType<BucketPolicyChange>(Assert.Single(CloudFormationResources.Deleted("AWS::S3::BucketPolicy", "P", policy, Context)));
        var inlinePolicy = Assert.IsType<RoleInlinePolicyChange>(Assert.Single(CloudFormationResources.Deleted("AWS::IAM::Policy", "I", inline, Context)));
        var revoked = Assert.IsType<LakeFormationPermissionChange>(Assert.Single(CloudFormationResources.Deleted("AWS::LakeFormation::PrincipalPermissions", "G", grant, Context)));
        var bucket = Assert.IsType<BucketDeletedChange>(Assert.Single(CloudFormationResources.Deleted("AWS::S3::Bucket", "B", Json("""{"BucketName": "example-lake"}"""), Context)));
        var role = Assert.IsType<RoleDeletedChange>(Assert.Single(CloudFormationResources.Deleted("AWS::IAM::Role", "R", Json("""{"RoleName": "spectrum"}"""), Context)));

        Assert.IsType<Proposed<PolicyText>.Removed>(bucketPolicy.Policy);
        Assert.IsType<Proposed<PolicyText>.Removed>(inlinePolicy.Policy);
        Assert.False(revoked.Granted);
        Assert.Equal("example-lake", bucket.Bucket);
        Assert.Equal("arn:aws:iam::111122223333:role/spectrum", role.RoleArn);
        Assert.Empty(CloudFormationResources.Deleted("AWS::EC2::VPCEndpoint", "E", Json("{}"), Context));
    }

    [Fact]
    public void Deeply_nested_properties_are_an_input_error()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var properties = JsonDocument.Parse("{\"PolicyDocument\": " + deep + ", \"Bucket\": \"b\"}", new JsonDocumentOptions { MaxDepth = 200 }).RootElement;

        Assert.Throws<ChangeInputException>(() => CloudFormationResources.Changes("AWS::S3::BucketPolicy", "P", properties, Context));
    }
}
