using System.Text.RegularExpressions;

namespace Guardrail.Aws.S3Control;

/// <summary>
/// How a table LOCATION or bucket name can name an S3 access point: its ARN
/// (<c>arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME</c>) or its alias (<c>NAME-xxxx...-s3alias</c>, which S3 accepts
/// wherever a bucket name goes).
/// </summary>
public static partial class AccessPointNames
{
    /// <summary>Whether <paramref name="bucket"/> is an access point alias rather than a bucket name.</summary>
    public static bool IsAlias(string bucket) => bucket.EndsWith("-s3alias", StringComparison.Ordinal);

    /// <summary>The parts of an access point ARN; null when <paramref name="arn"/> is not one.</summary>
    public static AccessPointArn? ParseArn(string arn) =>
        ArnPattern().Match(arn) is { Success: true } match
            ? new AccessPointArn(match.Groups["partition"].Value, match.Groups["region"].Value, match.Groups["account"].Value, match.Groups["name"].Value)
            : null;

    [GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):s3:(?<region>[a-z0-9-]+):(?<account>\d{12}):accesspoint[/:](?<name>[a-z0-9][a-z0-9-]{1,48}[a-z0-9])$")]
    private static partial Regex ArnPattern();
}

/// <summary>An access point ARN's parts.</summary>
public sealed record AccessPointArn(string Partition, string Region, string Account, string Name)
{
    public override string ToString() => $"arn:{Partition}:s3:{Region}:{Account}:accesspoint/{Name}";
}
