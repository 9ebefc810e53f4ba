using Guardrail.Aws.Accounts;
using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;

namespace Guardrail.Functions.Processing;

/// <summary>The live policy of a bucket through S3.</summary>
public sealed class BucketPolicyStore(string bucket, IBucketPolicies s3) : IPolicyStore
{
    public Task<string?> ReadAsync(CancellationToken cancellationToken) => s3.GetAsync(bucket, cancellationToken);

    public Task WriteAsync(string? policyText, CancellationToken cancellationToken) =>
        policyText is null ? s3.DeleteAsync(bucket, cancellationToken) : s3.PutAsync(bucket, policyText, cancellationToken);
}

/// <summary>The live trust policy of a role through IAM.</summary>
public sealed class TrustPolicyStore(string roleName, IIamRoles iam) : IPolicyStore
{
    public async Task<string?> ReadAsync(CancellationToken cancellationToken) =>
        (await iam.GetTrustPolicyAsync(roleName, cancellationToken).ConfigureAwait(false)).PolicyDocument;

    public Task WriteAsync(string? policyText, CancellationToken cancellationToken) =>
        iam.UpdateTrustPolicyAsync(roleName, policyText ?? throw new InvalidOperationException("a trust policy cannot be deleted"), cancellationToken);
}

/// <summary>Pairs a policy kind with the store its live policy is in.</summary>
public static class PolicyStores
{
    /// <summary>
    /// The store of <paramref name="kind"/>'s live policy: through <paramref name="accounts"/> (organization mode: the
    /// owner account's member role, or the own credentials in the own account), else the services' own clients.
    /// </summary>
    public static GuardedResource Guard(IPolicyKind kind, GuardrailServices services, IAccountPolicyClients? accounts = null) => new(kind, kind switch
    {
        BucketPolicyKind { Account: { } account } bucket when accounts is not null => new BucketPolicyStore(bucket.Bucket, new AccountBucketPolicies(accounts, account)),
        TrustPolicyKind { Account: { } account } role when accounts is not null => new TrustPolicyStore(role.RoleName, new AccountRoles(accounts, account)),
        BucketPolicyKind bucket => new BucketPolicyStore(bucket.Bucket, services.Buckets),
        TrustPolicyKind role => new TrustPolicyStore(role.RoleName, services.Iam),
        _ => throw new ArgumentException($"no store for {kind.Type}", nameof(kind)),
    });
}
