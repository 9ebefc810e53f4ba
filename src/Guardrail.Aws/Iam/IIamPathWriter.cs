namespace Guardrail.Aws.Iam;

/// <summary>
/// The IAM writes that put a role's part of Spectrum's access path back to a known-good state, each the exact
/// inverse of the change it undoes. Roles are named by name (IAM's API takes no path); documents are JSON text.
/// Every write is counted; failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IIamPathWriter
{
    /// <summary><c>PutRolePolicy</c>: creates or replaces the role's inline policy <paramref name="policyName"/>.</summary>
    Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken);

    /// <summary><c>DeleteRolePolicy</c>: removes the role's inline policy <paramref name="policyName"/>.</summary>
    Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken);

    /// <summary><c>AttachRolePolicy</c>: attaches the managed policy to the role.</summary>
    Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken);

    /// <summary><c>DetachRolePolicy</c>: detaches the managed policy from the role.</summary>
    Task DetachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellationToken);

    /// <summary><c>SetDefaultPolicyVersion</c>: makes <paramref name="versionId"/> (<c>v3</c>) the managed policy's default version.</summary>
    Task SetDefaultPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken);

    /// <summary><c>PutRolePermissionsBoundary</c>: sets (or replaces) the role's permissions boundary.</summary>
    Task PutRolePermissionsBoundaryAsync(string roleName, string boundaryArn, CancellationToken cancellationToken);

    /// <summary><c>DeleteRolePermissionsBoundary</c>: removes the role's permissions boundary.</summary>
    Task DeleteRolePermissionsBoundaryAsync(string roleName, CancellationToken cancellationToken);
}
