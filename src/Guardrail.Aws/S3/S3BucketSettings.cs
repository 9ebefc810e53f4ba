using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.S3;

/// <summary><see cref="IBucketSettings"/> over AWSSDK.S3 (whose own retry handles throttling and 5xx).</summary>
public sealed class S3BucketSettings : IBucketSettings
{
    private readonly IAmazonS3 s3;
    private readonly AwsCallCounter counter;

    public S3BucketSettings(IAmazonS3 s3, AwsCallCounter counter)
    {
        this.s3 = s3;
        this.counter = counter;
    }

    public Task<string?> GetPolicyAsync(string bucket, string expectedOwner, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "s3:GetBucketPolicy", () =>
            S3BucketPolicies.GetPolicyAsync(s3, new GetBucketPolicyRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, cancellationToken));

    public Task<DefaultEncryption?> GetEncryptionAsync(string bucket, string expectedOwner, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "s3:GetBucketEncryption", async () =>
        {
            try
            {
                var response = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, cancellationToken).ConfigureAwait(false);
                var rule = response.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault();
                return rule?.ServerSideEncryptionByDefault is { } sse
                    ? new DefaultEncryption(sse.ServerSideEncryptionAlgorithm?.Value ?? "AES256", string.IsNullOrEmpty(sse.ServerSideEncryptionKeyManagementServiceKeyId) ? null : sse.ServerSideEncryptionKeyManagementServiceKeyId, rule.BucketKeyEnabled ?? false)
                    : null;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError")
            {
                return null;
            }
        });

    public Task<string?> GetOwnershipAsync(string bucket, string expectedOwner, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "s3:GetBucketOwnershipControls", async () =>
        {
            try
            {
                var response = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, cancellationToken).ConfigureAwait(false);
                return response.OwnershipControls?.Rules?.FirstOrDefault()?.ObjectOwnership?.Value;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "OwnershipControlsNotFoundError")
            {
                return null;
            }
        });
}
