using Amazon.S3;
using Amazon.S3.Model;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.S3;

/// <summary><see cref="IBucketSettingsWriter"/> over AWSSDK.S3 (whose own retry handles throttling and 5xx).</summary>
public sealed class S3BucketSettingsWriter(IAmazonS3 s3, AwsCallCounter counter) : IBucketSettingsWriter
{
    public Task PutEncryptionAsync(string bucket, string expectedOwner, DefaultEncryption encryption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        var rule = new ServerSideEncryptionRule
        {
            ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
            {
                ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.FindValue(encryption.Algorithm),

                // No key with aws:kms is the AWS managed key aws/s3: the rule is put back without one, as it was.
                ServerSideEncryptionKeyManagementServiceKeyId = encryption.KmsMasterKeyId,
            },
            BucketKeyEnabled = encryption.BucketKeyEnabled,
        };
        var request = new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ExpectedBucketOwner = expectedOwner,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration { ServerSideEncryptionRules = [rule] },
        };
        return AwsCall.RunAsync(counter, "s3:PutBucketEncryption", () => s3.PutBucketEncryptionAsync(request, cancellationToken));
    }

    public Task DeleteEncryptionAsync(string bucket, string expectedOwner, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "s3:DeleteBucketEncryption", () =>
            s3.DeleteBucketEncryptionAsync(new DeleteBucketEncryptionRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, cancellationToken));

    public Task PutOwnershipAsync(string bucket, string expectedOwner, string objectOwnership, CancellationToken cancellationToken)
    {
        var request = new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            ExpectedBucketOwner = expectedOwner,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.FindValue(objectOwnership) }] },
        };
        return AwsCall.RunAsync(counter, "s3:PutBucketOwnershipControls", () => s3.PutBucketOwnershipControlsAsync(request, cancellationToken));
    }

    public Task DeleteOwnershipAsync(string bucket, string expectedOwner, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "s3:DeleteBucketOwnershipControls", () =>
            s3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = bucket, ExpectedBucketOwner = expectedOwner }, cancellationToken));
}
