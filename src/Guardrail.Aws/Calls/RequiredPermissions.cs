namespace Guardrail.Aws.Calls;

/// <summary>The IAM permission each read or write needs, for messages that tell the user what to grant.</summary>
public static class RequiredPermissions
{
    // Where the action's name is not the API's (https://docs.aws.amazon.com/service-authorization/latest/reference/).
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["s3:GetBucketEncryption"] = "s3:GetEncryptionConfiguration",
        ["s3:PutBucketEncryption"] = "s3:PutEncryptionConfiguration",
        ["s3:DeleteBucketEncryption"] = "s3:PutEncryptionConfiguration",
        ["s3:DeleteBucketOwnershipControls"] = "s3:PutBucketOwnershipControls",
    };

    /// <summary>
    /// The reads of the Lake Formation and network hops (issue 15), as the IAM actions the collecting role needs
    /// (each the API's own name). Lake Formation's are in each catalog account, EC2's and Redshift Serverless's in
    /// the cluster's account, S3 Control's in each access point's account.
    /// </summary>
    public static readonly IReadOnlyList<string> LakeFormationAndNetworkReads =
    [
        "lakeformation:ListResources", "lakeformation:DescribeResource", "lakeformation:ListPermissions",
        "lakeformation:GetResourceLFTags", "lakeformation:ListLakeFormationOptIns", "lakeformation:GetDataLakeSettings",
        "ec2:DescribeVpcEndpoints", "ec2:DescribeRouteTables", "ec2:DescribeSubnets",
        "redshift-serverless:GetWorkgroup",
        "s3:GetAccessPoint", "s3:GetAccessPointPolicy", "s3:ListAccessPoints",
    ];

    /// <summary>The writes that restore those hops: a revoked grant, a VPC endpoint policy, an access point policy.</summary>
    public static readonly IReadOnlyList<string> LakeFormationAndNetworkWrites =
    [
        "lakeformation:GrantPermissions", "ec2:ModifyVpcEndpoint", "s3:PutAccessPointPolicy",
    ];

    /// <summary>The permission <paramref name="call"/> (<c>service:Operation</c>) needs.</summary>
    public static string For(string call) => Exceptions.GetValueOrDefault(call, call);
}
