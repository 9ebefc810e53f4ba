using Guardrail.Aws.Accounts;
using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;

namespace Guardrail.Functions.Processing;

/// <summary>One account's bucket policies, its credentials had on first use (an unusable member role fails the call that needs it).</summary>
internal sealed class AccountBucketPolicies(IAccountPolicyClients accounts, string account) : IBucketPolicies
{
    public async Task<string?> GetAsync(string bucket, CancellationToken cancellationToken) =>
        await (await accounts.BucketPoliciesAsync(account, cancellationToken).ConfigureAwait(false)).GetAsync(bucket, cancellationToken).ConfigureAwait(false);

    public async Task PutAsync(string bucket, string policy, CancellationToken cancellationToken) =>
        await (await accounts.BucketPoliciesAsync(account, cancellationToken).ConfigureAwait(false)).PutAsync(bucket, policy, cancellationToken).ConfigureAwait(false);

    public async Task DeleteAsync(string bucket, CancellationToken cancellationToken) =>
        await (await accounts.BucketPoliciesAsync(account, cancellationToken).ConfigureAwait(false)).DeleteAsync(bucket, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> ListBucketsAsync(CancellationToken cancellationToken) =>
        await (await accounts.BucketPoliciesAsync(account, cancellationToken).ConfigureAwait(false)).ListBucketsAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>One account's role trust policies, its credentials had on first use.</summary>
internal sealed class AccountRoles(IAccountPolicyClients accounts, string account) : IIamRoles
{
    public async Task<RoleTrustPolicy> GetTrustPolicyAsync(string roleName, CancellationToken cancellationToken) =>
        await (await accounts.RolesAsync(account, cancellationToken).ConfigureAwait(false)).GetTrustPolicyAsync(roleName, cancellationToken).ConfigureAwait(false);

    public async Task UpdateTrustPolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken) =>
        await (await accounts.RolesAsync(account, cancellationToken).ConfigureAwait(false)).UpdateTrustPolicyAsync(roleName, policyDocument, cancellationToken).ConfigureAwait(false);
}
