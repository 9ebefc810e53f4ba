using Guardrail.Core.Identifiers;

namespace Guardrail.Core.Tests.Snapshot;

/// <summary>The identifier checks the snapshot added: Regions, KMS keys as buckets name them, managed policy ARNs, policy names.</summary>
public sealed class SnapshotIdentifierTests
{
    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("ap-southeast-5", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("eu-isoe-west-1", true)]
    [InlineData("cn-north-1", true)]
    [InlineData("us-east", false)]
    [InlineData("useast1", false)]
    [InlineData("us-east-1a", false)]
    [InlineData("US-EAST-1", false)]
    [InlineData("us--east-1", false)]
    [InlineData("-us-east-1", false)]
    [InlineData("us-east-100", false)]
    [InlineData("u-east-1", false)]
    [InlineData("us-east-1\n", false)]
    public void Regions(string value, bool valid) => Assert.Equal(valid, AwsIdentifiers.RegionProblem(value) is null);

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", true)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/k1", true)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/aws/s3", true)]
    [InlineData("arn:aws-cn:kms:cn-north-1:111122223333:alias/team/lake_key-1", true)]
    [InlineData("alias/aws/s3", true)]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", false)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/", false)]
    [InlineData("arn:aws:kms:us-east-1:1111:key/k1", false)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/", false)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/a b", false)]
    [InlineData("arn:aws:kms::111122223333:key/k1", false)]
    [InlineData("arn:aws:s3:::lake", false)]
    [InlineData("alias/", false)]
    public void Kms_keys(string value, bool valid) => Assert.Equal(valid, AwsIdentifiers.KmsKeyProblem(value) is null);

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", true)]
    [InlineData("arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole", true)]
    [InlineData("arn:aws:iam::111122223333:policy/team/lake-read", true)]
    [InlineData("arn:aws:iam::aws:policy/", false)]
    [InlineData("arn:aws:iam::aws:role/x", false)]
    [InlineData("arn:aws:iam::aws:policy//x", false)]
    [InlineData("arn:aws:iam:us-east-1:aws:policy/x", false)]
    [InlineData("arn:aws:iam::awsx:policy/x", false)]
    [InlineData("AmazonS3ReadOnlyAccess", false)]
    public void Managed_policy_arns(string value, bool valid) => Assert.Equal(valid, AwsIdentifiers.ManagedPolicyArnProblem(value) is null);

    [Theory]
    [InlineData("s3-read", true)]
    [InlineData("a+=,.@_-", true)]
    [InlineData("", false)]
    [InlineData("s3 read", false)]
    [InlineData("s3/read", false)]
    public void Policy_names(string value, bool valid) => Assert.Equal(valid, AwsIdentifiers.PolicyNameProblem(value) is null);
}
