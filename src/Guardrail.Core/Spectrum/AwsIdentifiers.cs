using System.Text.RegularExpressions;

namespace Guardrail.Core.Spectrum;

/// <summary>The shapes of the AWS identifiers the guardrail is configured with, checked the same way by the CLI and the functions.</summary>
public static partial class AwsIdentifiers
{
    public static bool IsBucketName(string value) => BucketName().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal);

    public static bool IsAccountId(string value) => AccountId().IsMatch(value);

    public static bool IsVpceId(string value) => VpceId().IsMatch(value);

    public static bool IsOrgId(string value) => OrgId().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^vpce-[0-9a-f]{8,17}$")]
    private static partial Regex VpceId();

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrgId();
}
