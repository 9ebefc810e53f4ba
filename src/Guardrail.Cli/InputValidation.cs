using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;

namespace Guardrail.Cli;

/// <summary>Checks command-line values before they reach the core, with messages that say what was expected.</summary>
public static class InputValidation
{
    public static string Bucket(string value) =>
        AwsIdentifiers.IsBucketName(value)
            ? value
            : throw new UsageException($"--bucket: \"{value}\" is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)");

    public static string? Account(string? value) =>
        value is null || AwsIdentifiers.IsAccountId(value)
            ? value
            : throw new UsageException($"--bucket-account: \"{value}\" is not a 12-digit AWS account ID");

    public static string? OrgId(string? value) =>
        value is null || AwsIdentifiers.IsOrgId(value)
            ? value
            : throw new UsageException($"--org-id: \"{value}\" is not an AWS Organizations ID (o-xxxxxxxxxx)");

    public static IReadOnlyList<string> Vpces(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            if (!AwsIdentifiers.IsVpceId(value))
            {
                throw new UsageException($"--vpce: \"{value}\" is not a VPC endpoint ID (vpce-0123456789abcdef0)");
            }
        }

        return values;
    }

    /// <summary>Accepts <c>sales/</c> or <c>s3://BUCKET/sales/</c>; returns the key prefix.</summary>
    public static IReadOnlyList<string> Prefixes(IReadOnlyList<string> values, string bucket)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            var prefix = value;
            var uri = $"s3://{bucket}/";
            if (prefix.StartsWith("s3://", StringComparison.Ordinal))
            {
                prefix = prefix.StartsWith(uri, StringComparison.Ordinal)
                    ? prefix[uri.Length..]
                    : throw new UsageException($"--prefix: \"{value}\" is in another bucket than {bucket}");
            }

            if (prefix.Length == 0 || prefix.Contains('*', StringComparison.Ordinal) || prefix.Contains('?', StringComparison.Ordinal))
            {
                throw new UsageException($"--prefix: \"{value}\" must be a non-empty key prefix without wildcards, e.g. sales/2026/");
            }

            result.Add(prefix);
        }

        return result;
    }

    public static IReadOnlyList<RoleArn> Roles(string value, string option)
    {
        try
        {
            return RoleArn.ParseChain(value);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }
}
