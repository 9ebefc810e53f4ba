using Guardrail.Aws.S3;

namespace Guardrail.Functions.Tests.Fakes;

/// <summary>Lets the real S3 adapter through, counting writes; hooks may make a read or a write of a bucket throw.</summary>
internal sealed class ScriptedBucketPolicies(IBucketPolicies inner) : IBucketPolicies
{
    private int puts;

    public int Puts => puts;

    public Action<string>? BeforeGet { get; init; }

    public Action<string>? BeforePut { get; init; }

    public Task<string?> GetAsync(string bucket, CancellationToken cancellationToken)
    {
        BeforeGet?.Invoke(bucket);
        return inner.GetAsync(bucket, cancellationToken);
    }

    public Task PutAsync(string bucket, string policy, CancellationToken cancellationToken)
    {
        BeforePut?.Invoke(bucket);
        Interlocked.Increment(ref puts);
        return inner.PutAsync(bucket, policy, cancellationToken);
    }

    public Task DeleteAsync(string bucket, CancellationToken cancellationToken) => inner.DeleteAsync(bucket, cancellationToken);

    public Task<IReadOnlyList<string>> ListBucketsAsync(CancellationToken cancellationToken) => inner.ListBucketsAsync(cancellationToken);
}
