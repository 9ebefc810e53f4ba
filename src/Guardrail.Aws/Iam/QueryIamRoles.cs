using System.Xml.Linq;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Iam;

/// <summary>IAM <c>GetRole</c> and <c>UpdateAssumeRolePolicy</c> over the Query protocol (API version 2010-05-08).</summary>
public sealed class QueryIamRoles : IIamRoles
{
    private readonly AwsQueryClient client;

    public QueryIamRoles(AwsQueryClient client)
    {
        this.client = client;
    }

    /// <summary>The real client: IAM is global and signed for us-east-1.</summary>
    public static QueryIamRoles Create(AwsEndpoints endpoints) =>
        new(new AwsQueryClient(AwsHttp.CreateSignedClient("iam", "us-east-1"), endpoints.Iam, "iam", "2010-05-08"));

    public async Task<RoleTrustPolicy> GetTrustPolicyAsync(string roleName, CancellationToken cancellationToken)
    {
        var response = await client.CallAsync("GetRole", [KeyValuePair.Create("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        return ReadGetRole(response);
    }

    public Task UpdateTrustPolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken) =>
        client.CallAsync("UpdateAssumeRolePolicy", [KeyValuePair.Create("RoleName", roleName), KeyValuePair.Create("PolicyDocument", policyDocument)], cancellationToken);

    /// <summary>Reads a GetRole response; IAM returns the trust policy URL-encoded (RFC 3986).</summary>
    public static RoleTrustPolicy ReadGetRole(XDocument response)
    {
        var arn = AwsQueryClient.Child(response, "Arn") ?? throw new AwsServiceException("GetRole returned no role ARN");
        var encoded = AwsQueryClient.Child(response, "AssumeRolePolicyDocument") ?? throw new AwsServiceException("GetRole returned no trust policy");
        return new RoleTrustPolicy(arn, Uri.UnescapeDataString(encoded));
    }
}
