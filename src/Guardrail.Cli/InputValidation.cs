using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>
/// Checks command-line values before they reach the core, with the core's validators (the functions' configuration
/// uses the same ones); a problem becomes a message prefixed with the option.
/// </summary>
public static class InputValidation
{
    public static string Bucket(string value) => Checked("--bucket", value, AwsIdentifiers.BucketNameProblem(value));

    public static string? Account(string? value) => value is null ? null : Checked("--bucket-account", value, AwsIdentifiers.AccountIdProblem(value));

    public static string? OrgId(string? value) => value is null ? null : Checked("--org-id", value, AwsIdentifiers.OrgIdProblem(value));

    public static IReadOnlyList<string> Vpces(IReadOnlyList<string> values) =>
        [.. values.Select(value => Checked("--vpce", value, AwsIdentifiers.VpceIdProblem(value)))];

    /// <summary>Accepts <c>sales/</c> or <c>s3://BUCKET/sales/</c>; returns the key prefix.</summary>
    public static IReadOnlyList<string> Prefixes(IReadOnlyList<string> values, string bucket)
    {
        var result = new List<string>();
        var uri = $"s3://{bucket}/";
        foreach (var value in values)
        {
            var prefix = value;
            if (prefix.StartsWith("s3://", StringComparison.Ordinal))
            {
                prefix = prefix.StartsWith(uri, StringComparison.Ordinal)
                    ? prefix[uri.Length..]
                    : throw new UsageException($"--prefix: {SafeText.Quote(value)} is in another bucket than {bucket}");
            }

            result.Add(Checked("--prefix", prefix, AwsIdentifiers.KeyPrefixProblem(prefix)));
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

    private static string Checked(string option, string value, string? problem) =>
        problem is null ? value : throw new UsageException($"{option}: {problem}");
}
