namespace Guardrail.Aws.Iam;

/// <summary>The IAM calls the guardrail makes. The official AWSSDK.IAM client can implement this in one file.</summary>
public interface IIamRoles
{
    /// <summary>The role's current trust policy (URL-decoded), or throws <see cref="Query.AwsServiceException"/> (<c>NoSuchEntity</c>).</summary>
    Task<RoleTrustPolicy> GetTrustPolicyAsync(string roleName, CancellationToken cancellationToken);

    /// <summary>Replaces the role's trust policy.</summary>
    Task UpdateTrustPolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken);
}

/// <summary>A role's ARN and trust policy text.</summary>
public sealed record RoleTrustPolicy(string RoleArn, string PolicyDocument);
