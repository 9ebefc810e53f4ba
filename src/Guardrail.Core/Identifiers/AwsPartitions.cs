namespace Guardrail.Core.Identifiers;

/// <summary>
/// The AWS partitions an ARN can name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html; the
/// list is the AWS SDKs' partitions.json: commercial, China, GovCloud (US), the ISO partitions and the European
/// Sovereign Cloud). Anything else in the partition field is a typo, not a Region we do not know yet.
/// </summary>
public static class AwsPartitions
{
    /// <summary>Every partition, as it appears in ARNs.</summary>
    public static readonly IReadOnlyList<string> All = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

    /// <summary>The commercial partition, and the one of a Region no other partition claims.</summary>
    public const string Commercial = "aws";

    // Each partition's Regions by name prefix, as the SDKs' partitions.json "regionRegex" gives them; the longer
    // prefixes first (us-gov-, us-iso- and us-isob- are all us-).
    private static readonly (string Prefix, string Partition)[] RegionPrefixes =
    [
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-isob-", "aws-iso-b"),
        ("us-isof-", "aws-iso-f"),
        ("us-iso-", "aws-iso"),
        ("eu-isoe-", "aws-iso-e"),
        ("eusc-", "aws-eusc"),
    ];

    /// <summary>
    /// The partition of <paramref name="region"/>: <c>cn-north-1</c> is in <c>aws-cn</c>, <c>us-gov-west-1</c> in
    /// <c>aws-us-gov</c>; a Region of no other partition is in <c>aws</c> (as the SDKs resolve an unknown Region).
    /// </summary>
    public static string OfRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        foreach (var (prefix, partition) in RegionPrefixes)
        {
            if (region.StartsWith(prefix, StringComparison.Ordinal))
            {
                return partition;
            }
        }

        return Commercial;
    }

    /// <summary>Whether <paramref name="partition"/> is one of <see cref="All"/> (exact, lowercase).</summary>
    public static bool IsKnown(string partition)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, partition, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
