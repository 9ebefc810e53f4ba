using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// An S3 access point ARN, <c>arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME</c>: NAME is 3 to 50 lowercase letters,
/// digits or hyphens, beginning and ending with a letter or digit (S3 User Guide, "Access points naming rules").
/// </summary>
/// <param name="Arn">The whole ARN.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Region">Its Region.</param>
/// <param name="Account">The account that owns the access point.</param>
/// <param name="Name">The access point's name.</param>
public sealed record AccessPointArn(string Arn, string Partition, string Region, string Account, string Name)
{
    /// <summary>Why <paramref name="value"/> is not an access point ARN, or null.</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value) is null
            ? $"{SafeText.Quote(value)} is not an S3 access point ARN (arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME, e.g. arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader)"
            : null;
    }

    /// <summary>The parts of <paramref name="value"/>, or null when it is not an access point ARN.</summary>
    public static AccessPointArn? TryParse(string value)
    {
        var parts = value.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "s3" || !AwsPartitions.IsKnown(parts[1])
            || AwsIdentifiers.RegionProblem(parts[3]) is not null || AwsIdentifiers.AccountIdProblem(parts[4]) is not null
            || !parts[5].StartsWith("accesspoint/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = parts[5]["accesspoint/".Length..];
        var ok = name.Length is >= 3 and <= 50
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name[0] != '-' && name[^1] != '-';
        return ok ? new AccessPointArn(value, parts[1], parts[3], parts[4], name) : null;
    }
}
