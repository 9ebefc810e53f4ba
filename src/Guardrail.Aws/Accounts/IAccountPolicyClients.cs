using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Accounts;

/// <summary>
/// The bucket-policy and trust-policy clients of any account (organization mode): the caller's own credentials in its
/// own account, the member role elsewhere; the same credentials and connections as that account's path readers.
/// </summary>
public interface IAccountPolicyClients
{
    /// <summary>The bucket policies of <paramref name="account"/>'s buckets.</summary>
    Task<IBucketPolicies> BucketPoliciesAsync(string account, CancellationToken cancellationToken);

    /// <summary>The trust policies of <paramref name="account"/>'s roles.</summary>
    Task<IIamRoles> RolesAsync(string account, CancellationToken cancellationToken);
}
