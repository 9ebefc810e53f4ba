using System.Net;
using Amazon.Runtime;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Glue;
using Guardrail.Aws.Json;
using Guardrail.Aws.Organizations;
using Guardrail.Aws.Query;
using Guardrail.Aws.Redshift;

namespace Guardrail.Aws.Tests;

/// <summary>
/// The JSON 1.1 readers on AWS answers recorded from the API reference (moto has no Redshift Serverless, and
/// answers Glue's "no policy" differently from AWS), through the real signing and retry pipeline.
/// </summary>
public sealed class JsonReaderTests
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static AwsJsonClient Client(RecordedAws network, string service, string prefix) =>
        new(AwsHttp.CreateSignedClient(service, "us-east-1", Credentials, network, maxRetries: 2), new Uri($"https://{service}.us-east-1.amazonaws.com/"), service, prefix);

    private const string Namespace = """
        {"namespace":{"adminUsername":"admin","creationDate":"2026-05-02T10:00:00Z","dbName":"dev",
         "defaultIamRoleArn":"arn:aws:iam::123456789012:role/spectrum",
         "iamRoles":["IamRole(applyStatus=in-sync, iamRoleArn=arn:aws:iam::123456789012:role/spectrum)",
                     "IamRole(iamRoleArn=arn:aws:iam::123456789012:role/etl, applyStatus=in-sync)",
                     "IamRole(applyStatus=removing, iamRoleArn=arn:aws:iam::123456789012:role/retired)",
                     "arn:aws:iam::123456789012:role/plain"],
         "kmsKeyId":"AWS_OWNED_KMS_KEY","logExports":[],
         "namespaceArn":"arn:aws:redshift-serverless:us-east-1:123456789012:namespace/aa58f5ad-32a2-4178-b70a-3a474de0d7d2",
         "namespaceId":"aa58f5ad-32a2-4178-b70a-3a474de0d7d2","namespaceName":"analytics","status":"AVAILABLE"}}
        """;

    [Fact]
    public async Task GetNamespace_is_a_signed_json_call_and_reads_both_forms_of_iamRoles_without_roles_being_removed()
    {
        var network = new RecordedAws().Answer("GetNamespace", () => RecordedAws.Json(Namespace));
        var counter = new AwsCallCounter();
        var reader = new JsonNamespaceReader(Client(network, "redshift-serverless", JsonNamespaceReader.TargetPrefix), counter);

        var roles = await reader.GetAttachedRolesAsync("analytics", CancellationToken.None);

        Assert.Equal(["arn:aws:iam::123456789012:role/spectrum", "arn:aws:iam::123456789012:role/etl", "arn:aws:iam::123456789012:role/plain"], roles);
        var sent = Assert.Single(network.Sent);
        Assert.Equal("RedshiftServerless.GetNamespace", sent.Target);
        Assert.Equal("application/x-amz-json-1.1", sent.ContentType);
        Assert.Equal("""{"namespaceName":"analytics"}""", sent.Body);
        Assert.Contains("/us-east-1/redshift-serverless/aws4_request", sent.Authorization, StringComparison.Ordinal);
        Assert.Equal(1, counter.Counts["redshift-serverless:GetNamespace"]);
    }

    [Fact]
    public async Task A_missing_namespace_is_a_failed_call_naming_the_call()
    {
        var network = new RecordedAws().Answer("GetNamespace", () => RecordedAws.JsonError("ResourceNotFoundException"));
        var reader = new JsonNamespaceReader(Client(network, "redshift-serverless", JsonNamespaceReader.TargetPrefix), new AwsCallCounter());

        var e = await Assert.ThrowsAsync<AwsCallException>(() => reader.GetAttachedRolesAsync("nope", CancellationToken.None));

        Assert.Equal("redshift-serverless:GetNamespace", e.Call);
        Assert.Equal("ResourceNotFoundException", e.Code);
        Assert.False(e.IsAccessDenied);
    }

    [Fact]
    public async Task Glue_EntityNotFound_is_no_policy_and_a_policy_is_its_text()
    {
        var none = new RecordedAws().Answer("GetResourcePolicy", () => RecordedAws.JsonError("com.amazonaws.glue#EntityNotFoundException"));
        var some = new RecordedAws().Answer("GetResourcePolicy", () => RecordedAws.Json("""{"PolicyInJson":"{\"Version\":\"2012-10-17\",\"Statement\":[]}","PolicyHash":"h","CreateTime":1.7E9,"UpdateTime":1.7E9}"""));

        Assert.Null(await new JsonCatalogPolicyReader(Client(none, "glue", JsonCatalogPolicyReader.TargetPrefix), new AwsCallCounter()).GetCatalogPolicyAsync(CancellationToken.None));
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", await new JsonCatalogPolicyReader(Client(some, "glue", JsonCatalogPolicyReader.TargetPrefix), new AwsCallCounter()).GetCatalogPolicyAsync(CancellationToken.None));
        Assert.Equal("AWSGlue.GetResourcePolicy", some.Sent[0].Target);
    }

    [Fact]
    public async Task Glue_AccessDenied_names_the_call_and_is_recognised_as_a_missing_permission()
    {
        var network = new RecordedAws().Answer("GetResourcePolicy", () => RecordedAws.JsonError("AccessDeniedException"));

        var e = await Assert.ThrowsAsync<AwsCallException>(() => new JsonCatalogPolicyReader(Client(network, "glue", JsonCatalogPolicyReader.TargetPrefix), new AwsCallCounter()).GetCatalogPolicyAsync(CancellationToken.None));

        Assert.True(e.IsAccessDenied);
        Assert.Equal("glue:GetResourcePolicy", e.Call);
        Assert.Equal("glue:GetResourcePolicy", RequiredPermissions.For(e.Call));
        Assert.Single(network.Sent);
    }

    [Theory]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest)]
    [InlineData("com.amazonaws.organizations#TooManyRequestsException", HttpStatusCode.BadRequest)]
    [InlineData("InternalServerException", HttpStatusCode.InternalServerError)]
    public async Task Throttling_and_5xx_are_retried_by_the_shared_pipeline_and_count_as_one_call(string type, HttpStatusCode status)
    {
        var network = new RecordedAws().Answer("DescribeOrganization", () => RecordedAws.JsonError(type, status), () => RecordedAws.Json("""{"Organization":{"Id":"o-abc123defg","MasterAccountId":"999999999999","FeatureSet":"ALL"}}"""));
        var counter = new AwsCallCounter();
        var reader = new JsonOrganizationReader(Client(network, "organizations", JsonOrganizationReader.TargetPrefix), counter);

        var organization = await reader.DescribeOrganizationAsync(CancellationToken.None);

        Assert.Equal(new OrganizationDescription("o-abc123defg", "999999999999"), organization);
        Assert.Equal(2, network.Sent.Count);
        Assert.Equal(1, counter.Total);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var network = new RecordedAws().Answer("DescribeOrganization", () => RecordedAws.JsonError("AWSOrganizationsNotInUseException"));

        var e = await Assert.ThrowsAsync<AwsCallException>(() => new JsonOrganizationReader(Client(network, "organizations", JsonOrganizationReader.TargetPrefix), new AwsCallCounter()).DescribeOrganizationAsync(CancellationToken.None));

        Assert.Equal("AWSOrganizationsNotInUseException", e.Code);
        Assert.Single(network.Sent);
    }

    [Fact]
    public async Task ListPoliciesForTarget_follows_NextToken_with_the_filter()
    {
        var network = new RecordedAws().Answer(
            "ListPoliciesForTarget",
            () => RecordedAws.Json("""{"Policies":[{"Id":"p-rcpfull","Name":"RCPFullAWSAccess","Type":"RESOURCE_CONTROL_POLICY","AwsManaged":true}],"NextToken":"page-2"}"""),
            () => RecordedAws.Json("""{"Policies":[{"Id":"p-perimeter","Name":"data-perimeter","Type":"RESOURCE_CONTROL_POLICY","AwsManaged":false}]}"""));
        var counter = new AwsCallCounter();
        var reader = new JsonOrganizationReader(Client(network, "organizations", JsonOrganizationReader.TargetPrefix), counter);

        var ids = await reader.ListPolicyIdsAsync("ou-ab12-cdef3456", "RESOURCE_CONTROL_POLICY", CancellationToken.None);

        Assert.Equal(["p-rcpfull", "p-perimeter"], ids);
        Assert.Equal("""{"TargetId":"ou-ab12-cdef3456","Filter":"RESOURCE_CONTROL_POLICY"}""", network.Sent[0].Body);
        Assert.Equal("""{"TargetId":"ou-ab12-cdef3456","Filter":"RESOURCE_CONTROL_POLICY","NextToken":"page-2"}""", network.Sent[1].Body);
        Assert.Equal("AWSOrganizationsV20161128.ListPoliciesForTarget", network.Sent[0].Target);
        Assert.Equal(2, counter.Counts["organizations:ListPoliciesForTarget"]);
    }

    [Fact]
    public void Json_error_codes_are_read_with_or_without_namespace_and_suffix()
    {
        Assert.Equal("EntityNotFoundException", AwsJsonError.Code("""{"__type":"com.amazonaws.glue#EntityNotFoundException","Message":"x"}"""));
        Assert.Equal("ValidationException", AwsJsonError.Code("""{"__type":"ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"}"""));
        Assert.Null(AwsJsonError.Code("<ErrorResponse/>"));
        Assert.Null(AwsJsonError.Code("{not json"));
    }
}
