namespace Guardrail.Aws.S3;

/// <summary>The S3 bucket-policy calls the guardrail makes.</summary>
public interface IBucketPolicies
{
    /// <summary>The bucket's policy text, or null when it has none.</summary>
    Task<string?> GetAsync(string bucket, CancellationToken cancellationToken);

    Task PutAsync(string bucket, string policy, CancellationToken cancellationToken);

    Task DeleteAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Every bucket of the account (for a drift scan of <c>*</c>).</summary>
    Task<IReadOnlyList<string>> ListBucketsAsync(CancellationToken cancellationToken);
}
