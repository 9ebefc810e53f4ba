namespace Guardrail.Core.Identifiers;

/// <summary>
/// The six fields of an ARN, <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), with a partition of
/// <see cref="AwsPartitions.All"/>: <c>arn:aws-cn:s3:::bucket</c> is read exactly like <c>arn:aws:s3:::bucket</c>.
/// The resource keeps any further colons (<c>…:function:NAME:ALIAS</c>).
/// </summary>
public sealed record AwsArn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The ARN's fields, or null when it is not an ARN of a known partition.</summary>
    public static AwsArn? Parse(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && AwsPartitions.IsKnown(parts[1]) && parts[2].Length > 0
            ? new AwsArn(parts[1], parts[2], parts[3], parts[4], parts[5])
            : null;
    }

    /// <summary>
    /// What an S3 ARN without Region and account (<c>arn:PARTITION:s3:::NAME</c>) names, or null when the ARN is not of
    /// that shape; the caller checks it is a bucket name (an object ARN, <c>…:::NAME/KEY</c>, is not).
    /// </summary>
    public string? BucketName => Service == "s3" && Region.Length == 0 && Account.Length == 0 ? Resource : null;

    /// <summary>The ARN of bucket <paramref name="name"/> in <paramref name="partition"/>.</summary>
    public static string Bucket(string partition, string name) => $"arn:{partition}:s3:::{name}";

    /// <summary>The ARN of IAM role <paramref name="name"/> of <paramref name="account"/> in <paramref name="partition"/>.</summary>
    public static string Role(string partition, string account, string name) => $"arn:{partition}:iam::{account}:role/{name}";
}
