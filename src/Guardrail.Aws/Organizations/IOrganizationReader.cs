namespace Guardrail.Aws.Organizations;

/// <summary>
/// The AWS Organizations reads behind the SCP and RCP hops. Only the management account (or a delegated
/// administrator) may make most of them; elsewhere they fail with <c>AccessDeniedException</c>. Failures throw
/// <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IOrganizationReader
{
    /// <summary><c>DescribeOrganization</c>.</summary>
    Task<OrganizationDescription> DescribeOrganizationAsync(CancellationToken cancellationToken);

    /// <summary><c>ListRoots</c>: the root and the policy types enabled in it.</summary>
    Task<OrganizationRoot> GetRootAsync(CancellationToken cancellationToken);

    /// <summary><c>ListParents</c>: the OU or root directly above an account or OU.</summary>
    Task<string> GetParentAsync(string childId, CancellationToken cancellationToken);

    /// <summary><c>ListPoliciesForTarget</c>, every page: the ids of the policies of <paramref name="policyType"/> attached directly to the target.</summary>
    Task<IReadOnlyList<string>> ListPolicyIdsAsync(string targetId, string policyType, CancellationToken cancellationToken);

    /// <summary><c>DescribePolicy</c>: the policy's content (its JSON text).</summary>
    Task<string> GetPolicyContentAsync(string policyId, CancellationToken cancellationToken);
}

/// <summary>The organization.</summary>
/// <param name="Id">Its id, <c>o-...</c>.</param>
/// <param name="ManagementAccount">The management account's id.</param>
public sealed record OrganizationDescription(string Id, string ManagementAccount);

/// <summary>The organization's root.</summary>
/// <param name="Id">Its id, <c>r-...</c>.</param>
/// <param name="EnabledPolicyTypes">The policy types enabled in it (<c>SERVICE_CONTROL_POLICY</c>, <c>RESOURCE_CONTROL_POLICY</c>...).</param>
public sealed record OrganizationRoot(string Id, IReadOnlyList<string> EnabledPolicyTypes);
