namespace Guardrail.Aws.Iam;

/// <summary>
/// The IAM reads of a role's part of Spectrum's access path. Listings are complete (every page); documents come
/// URL-decoded, as policy JSON text. The official AWSSDK.IAM client can implement this in one file.
/// Failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IIamPathReader
{
    /// <summary><c>GetRole</c>: the trust policy, the permissions boundary's ARN and the tags.</summary>
    Task<RoleDetails> GetRoleAsync(string roleName, CancellationToken cancellationToken);

    /// <summary><c>ListRolePolicies</c>: the names of the role's inline policies.</summary>
    Task<IReadOnlyList<string>> ListInlinePolicyNamesAsync(string roleName, CancellationToken cancellationToken);

    /// <summary><c>GetRolePolicy</c>: one inline policy's document.</summary>
    Task<string> GetInlinePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    /// <summary><c>ListAttachedRolePolicies</c>: the ARNs of the managed policies attached to the role.</summary>
    Task<IReadOnlyList<string>> ListAttachedPolicyArnsAsync(string roleName, CancellationToken cancellationToken);

    /// <summary><c>GetPolicy</c> then <c>GetPolicyVersion</c>: the document of the managed policy's default version.</summary>
    Task<string> GetManagedPolicyDocumentAsync(string policyArn, CancellationToken cancellationToken);
}

/// <summary>What <c>GetRole</c> says about a role.</summary>
/// <param name="Arn">The role's ARN.</param>
/// <param name="TrustPolicy">The trust policy's JSON text.</param>
/// <param name="PermissionsBoundaryArn">The boundary policy's ARN; null when the role has none.</param>
/// <param name="Tags">The role's tags.</param>
public sealed record RoleDetails(string Arn, string TrustPolicy, string? PermissionsBoundaryArn, IReadOnlyDictionary<string, string> Tags);
