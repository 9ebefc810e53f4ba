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
