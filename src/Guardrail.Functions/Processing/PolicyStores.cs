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
    public static GuardedResource Guard(IPolicyKind kind, GuardrailServices services) => new(kind, kind switch
    {
        BucketPolicyKind bucket => new BucketPolicyStore(bucket.Bucket, services.Buckets),
        TrustPolicyKind role => new TrustPolicyStore(role.RoleName, services.Iam),
        _ => throw new ArgumentException($"no store for {kind.Type}", nameof(kind)),
    });
}
