using System.Net;
using Amazon;
using Amazon.S3;
using Amazon.S3.Model;

namespace Guardrail.Aws.S3;

/// <summary><see cref="IBucketPolicies"/> over AWSSDK.S3 (whose own retry handles throttling and 5xx).</summary>
public sealed class S3BucketPolicies : IBucketPolicies
{
    private readonly IAmazonS3 s3;

    public S3BucketPolicies(IAmazonS3 s3)
    {
        this.s3 = s3;
    }

    public static S3BucketPolicies Create(AwsEndpoints endpoints) => new(new AmazonS3Client(Config(endpoints, endpoints.Region)));

    /// <summary>The S3 client's configuration for <paramref name="region"/>, honouring the endpoint override (path-style for emulators).</summary>
    internal static AmazonS3Config Config(AwsEndpoints endpoints, string region)
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        if (endpoints.Override("S3") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
        }

        return config;
    }

    public Task<string?> GetAsync(string bucket, CancellationToken cancellationToken) =>
        GetPolicyAsync(s3, new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken);

    /// <summary><c>GetBucketPolicy</c>: the policy text, or null when the bucket has none.</summary>
    internal static async Task<string?> GetPolicyAsync(IAmazonS3 s3, GetBucketPolicyRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetBucketPolicyAsync(request, cancellationToken).ConfigureAwait(false);

            // The SDK hands some error answers back as the "policy" with their status instead of throwing.
            if (response.HttpStatusCode != HttpStatusCode.OK)
            {
                return response.Policy?.Contains("<Code>NoSuchBucketPolicy</Code>", StringComparison.Ordinal) == true
                    ? null
                    : throw new AmazonS3Exception($"GetBucketPolicy on {request.BucketName} failed with HTTP {(int)response.HttpStatusCode}: {response.Policy}");
            }

            return string.IsNullOrEmpty(response.Policy) ? null : response.Policy;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket"))
        {
            return null;
        }
    }

    public Task PutAsync(string bucket, string policy, CancellationToken cancellationToken) =>
        s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }, cancellationToken);

    public Task DeleteAsync(string bucket, CancellationToken cancellationToken) =>
        s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket }, cancellationToken);

    public async Task<IReadOnlyList<string>> ListBucketsAsync(CancellationToken cancellationToken)
    {
        var response = await s3.ListBucketsAsync(new ListBucketsRequest(), cancellationToken).ConfigureAwait(false);
        return [.. (response.Buckets ?? []).Select(b => b.BucketName)];
    }
}
