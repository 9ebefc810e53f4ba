using Guardrail.Core.Text;

namespace Guardrail.Core.Identifiers;

/// <summary>
/// The shapes of the AWS identifiers the guardrail is configured with, checked the same way by the CLI and the
/// functions. Each check is ASCII-only and covers the whole value (no trailing newline, no Unicode digits or letters),
/// and says what is wrong in words; the caller prefixes the option or variable name.
/// </summary>
public static class AwsIdentifiers
{
    /// <summary>Whether <paramref name="value"/> is a general purpose S3 bucket name (see <see cref="BucketNameProblem"/>).</summary>
    public static bool IsBucketName(string value) => BucketNameProblem(value) is null;

    /// <summary>
    /// Why <paramref name="value"/> is not a general purpose bucket name, or null. The rules of
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: 3-63 characters; lowercase
    /// letters, digits, dots and hyphens; begins and ends with a letter or digit; no two adjacent dots; not formatted
    /// as an IP address; not the reserved prefixes <c>xn--</c> and <c>sthree-</c> (which covers
    /// <c>sthree-configurator</c>); not the reserved suffixes <c>-s3alias</c>, <c>--ol-s3</c>, <c>.mrap</c>,
    /// <c>--x-s3</c>, <c>--table-s3</c>. The page also reserves <c>amzn-s3-demo-</c>, the prefix of AWS's own example
    /// names: it is accepted on purpose, so that AWS's examples (and ours) can be checked as they are; no real bucket
    /// can have such a name, so accepting it cannot hide a problem.
    /// </summary>
    public static string? BucketNameProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var why = BucketNameRule(value);
        return why is null ? null : $"{SafeText.Quote(value)} is not an S3 bucket name ({why})";
    }

    /// <summary>Whether <paramref name="value"/> is an AWS account ID (see <see cref="AccountIdProblem"/>).</summary>
    public static bool IsAccountId(string value) => AccountIdProblem(value) is null;

    /// <summary>
    /// Why <paramref name="value"/> is not an AWS account ID, or null: exactly 12 ASCII digits
    /// (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).
    /// </summary>
    public static string? AccountIdProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 12 && IsAll(value, IsDigit)
            ? null
            : $"{SafeText.Quote(value)} is not a 12-digit AWS account ID";
    }

    /// <summary>Whether <paramref name="value"/> is a VPC endpoint ID (see <see cref="VpceIdProblem"/>).</summary>
    public static bool IsVpceId(string value) => VpceIdProblem(value) is null;

    /// <summary>
    /// Why <paramref name="value"/> is not a VPC endpoint ID, or null: <c>vpce-</c> and 8 (older) or 17 lowercase
    /// hexadecimal characters (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html; vpc-endpoint
    /// is one of the resource types that moved from 8 to 17 characters).
    /// </summary>
    public static string? VpceIdProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string prefix = "vpce-";
        var ok = value.StartsWith(prefix, StringComparison.Ordinal)
            && value.Length - prefix.Length is 8 or 17
            && IsAll(value.AsSpan(prefix.Length), IsLowerHex);
        return ok ? null : $"{SafeText.Quote(value)} is not a VPC endpoint ID (vpce- and 8 or 17 lowercase hex digits, e.g. vpce-0123456789abcdef0)";
    }

    /// <summary>Whether <paramref name="value"/> is an AWS Organizations ID (see <see cref="OrgIdProblem"/>).</summary>
    public static bool IsOrgId(string value) => OrgIdProblem(value) is null;

    /// <summary>
    /// Why <paramref name="value"/> is not an AWS Organizations ID, or null: <c>o-</c> followed by 10 to 32
    /// lowercase letters or digits (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html).
    /// </summary>
    public static string? OrgIdProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ok = value.StartsWith("o-", StringComparison.Ordinal)
            && value.Length - 2 is >= 10 and <= 32
            && IsAll(value.AsSpan(2), c => IsLower(c) || IsDigit(c));
        return ok ? null : $"{SafeText.Quote(value)} is not an AWS Organizations ID (o- and 10 to 32 lowercase letters or digits)";
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a standard SNS topic ARN, or null:
    /// <c>arn:PARTITION:sns:REGION:ACCOUNT:NAME</c> with a name of 1 to 256 ASCII letters, digits, hyphens and
    /// underscores (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html; FIFO topics, whose names end in
    /// <c>.fifo</c>, need a message group the guardrail does not send).
    /// </summary>
    public static string? SnsTopicArnProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':');
        var ok = parts.Length == 6
            && parts[0] == "arn"
            && AwsPartitions.IsKnown(parts[1])
            && parts[2] == "sns"
            && parts[3].Length is >= 1 and <= 32 && IsAll(parts[3], c => IsLower(c) || IsDigit(c) || c == '-')
            && IsAccountId(parts[4])
            && parts[5].Length is >= 1 and <= 256 && IsAll(parts[5], c => IsLetter(c) || IsDigit(c) || c is '-' or '_');
        return ok ? null : $"{SafeText.Quote(value)} is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)";
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a table location (an S3 key prefix Spectrum reads), or null: not empty,
    /// no wildcards (a prefix is literal; <c>*</c> and <c>?</c> would be read as pattern characters), at most 1,024
    /// bytes of UTF-8 like any object key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
    /// </summary>
    public static string? KeyPrefixProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
        {
            return $"{SafeText.Quote(value)} must be a non-empty key prefix without wildcards, e.g. sales/2026/";
        }

        return value.Length > 1024 || System.Text.Encoding.UTF8.GetByteCount(value) > 1024
            ? $"{SafeText.Quote(value)} is longer than an S3 object key can be (1,024 bytes)"
            : null;
    }

    /// <summary>
    /// Why <paramref name="value"/> is not an AWS Region code, or null: lowercase words joined by hyphens, the first
    /// two letters, the last a number (<c>us-east-1</c>, <c>us-gov-west-1</c>, <c>eu-isoe-west-1</c>), at most 32
    /// characters (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
    /// </summary>
    public static string? RegionProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var words = value.Split('-');
        var ok = value.Length <= 32
            && words.Length >= 3
            && words[0].Length == 2 && IsAll(words[0], IsLower)
            && words[1..^1].All(w => w.Length > 0 && IsAll(w, IsLower))
            && words[^1].Length is 1 or 2 && IsAll(words[^1], IsDigit);
        return ok ? null : $"{SafeText.Quote(value)} is not an AWS Region (e.g. us-east-1)";
    }

    /// <summary>
    /// Why <paramref name="value"/> does not name a KMS key the way S3's default encryption may, or null: a key ARN
    /// <c>arn:PARTITION:kms:REGION:ACCOUNT:key/ID</c> (ID: 1 to 128 letters, digits or hyphens), an alias ARN
    /// <c>arn:PARTITION:kms:REGION:ACCOUNT:alias/NAME</c> or an alias name <c>alias/NAME</c> (NAME: 1 to 250 letters,
    /// digits, <c>/_-</c>; https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id).
    /// </summary>
    public static string? KmsKeyProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const string alias = "alias/";
        bool ok;
        if (value.StartsWith(alias, StringComparison.Ordinal))
        {
            ok = IsAliasName(value.AsSpan(alias.Length));
        }
        else
        {
            var parts = value.Split(':', 6);
            ok = parts.Length == 6
                && parts[0] == "arn"
                && AwsPartitions.IsKnown(parts[1])
                && parts[2] == "kms"
                && RegionProblem(parts[3]) is null
                && IsAccountId(parts[4])
                && (parts[5].StartsWith("key/", StringComparison.Ordinal)
                    ? parts[5].Length - 4 is >= 1 and <= 128 && IsAll(parts[5].AsSpan(4), c => IsLetter(c) || IsDigit(c) || c == '-')
                    : parts[5].StartsWith(alias, StringComparison.Ordinal) && IsAliasName(parts[5].AsSpan(alias.Length)));
        }

        return ok ? null : $"{SafeText.Quote(value)} is not a KMS key ARN, alias ARN or alias name (arn:aws:kms:REGION:ACCOUNT:key/ID, arn:aws:kms:REGION:ACCOUNT:alias/NAME or alias/NAME)";
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a managed IAM policy ARN, or null: <c>arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME</c>
    /// with a 12-digit account or <c>aws</c> (AWS managed policies) and a name of 1 to 128 letters, digits or
    /// <c>+=,.@_-</c> (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
    /// </summary>
    public static string? ManagedPolicyArnProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(':', 6);
        var ok = parts.Length == 6
            && parts[0] == "arn"
            && AwsPartitions.IsKnown(parts[1])
            && parts[2] == "iam"
            && parts[3].Length == 0
            && (parts[4] == "aws" || IsAccountId(parts[4]))
            && parts[5].StartsWith("policy/", StringComparison.Ordinal)
            && parts[5].Split('/')[1..] is var segments
            && segments[^1].Length is >= 1 and <= 128
            && segments.All(s => s.Length > 0 && IsAll(s, IsIamNameCharacter));
        return ok ? null : $"{SafeText.Quote(value)} is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME, or arn:aws:iam::aws:policy/NAME for an AWS managed policy)";
    }

    /// <summary>
    /// Why <paramref name="value"/> is not an IAM policy name (an inline policy's name), or null: 1 to 128 letters,
    /// digits or <c>+=,.@_-</c> (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html).
    /// </summary>
    public static string? PolicyNameProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length is >= 1 and <= 128 && IsAll(value, IsIamNameCharacter)
            ? null
            : $"{SafeText.Quote(value)} is not an IAM policy name (1 to 128 letters, digits or +=,.@_-)";
    }

    /// <summary>A character IAM allows in role, policy and path names: ASCII letters, digits and <c>+=,.@_-</c>.</summary>
    internal static bool IsIamNameCharacter(char c) => IsLetter(c) || IsDigit(c) || c is '+' or '=' or ',' or '.' or '@' or '_' or '-';

    internal static bool IsDigit(char c) => c is >= '0' and <= '9';

    internal static bool IsLower(char c) => c is >= 'a' and <= 'z';

    internal static bool IsLetter(char c) => IsLower(c) || c is >= 'A' and <= 'Z';

    internal static bool IsAll(ReadOnlySpan<char> text, Func<char, bool> allowed)
    {
        foreach (var c in text)
        {
            if (!allowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAliasName(ReadOnlySpan<char> name) =>
        name.Length is >= 1 and <= 250 && IsAll(name, c => IsLetter(c) || IsDigit(c) || c is '/' or '_' or '-');

    private static bool IsLowerHex(char c) => IsDigit(c) || c is >= 'a' and <= 'f';

    private static string? BucketNameRule(string value)
    {
        if (value.Length is < 3 or > 63)
        {
            return "3 to 63 characters";
        }

        if (!IsAll(value, c => IsLower(c) || IsDigit(c) || c is '.' or '-'))
        {
            return "only lowercase letters, digits, dots and hyphens";
        }

        if (!IsLowerOrDigit(value[0]) || !IsLowerOrDigit(value[^1]))
        {
            return "it must begin and end with a letter or digit";
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            return "no two adjacent dots";
        }

        if (LooksLikeIpAddress(value))
        {
            return "it must not be formatted as an IP address";
        }

        foreach (var prefix in ReservedPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"the prefix {prefix} is reserved";
            }
        }

        foreach (var suffix in ReservedSuffixes)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"the suffix {suffix} is reserved";
            }
        }

        return null;
    }

    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-"];

    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    private static bool IsLowerOrDigit(char c) => IsLower(c) || IsDigit(c);

    // "192.168.5.4": four dot-separated groups of digits, whatever their values.
    private static bool LooksLikeIpAddress(string value)
    {
        var groups = value.Split('.');
        return groups.Length == 4 && groups.All(g => g.Length > 0 && IsAll(g, IsDigit));
    }
}
