using System.Text.RegularExpressions;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Where <c>GUARDRAIL_CONFIG</c> points: <c>s3://bucket/key</c>, <c>ssm:/parameter/name</c>, or a file path.
/// </summary>
/// <param name="Kind">Which store.</param>
/// <param name="Name">The bucket (S3), the parameter name (SSM) or the path (file).</param>
/// <param name="Key">The object key (S3 only).</param>
public sealed partial record ConfigDocumentLocation(ConfigStoreKind Kind, string Name, string? Key = null)
{
    /// <summary>The location as it was written, for messages and alerts.</summary>
    public override string ToString() => Kind switch
    {
        ConfigStoreKind.S3 => $"s3://{Name}/{Key}",
        ConfigStoreKind.Ssm => $"ssm:{Name}",
        _ => Name,
    };

    /// <summary>The location <paramref name="value"/> names, or why it names none (quoting it).</summary>
    public static ConfigDocumentLocation? Parse(string value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        problem = null;
        if (value.StartsWith("s3://", StringComparison.Ordinal))
        {
            var rest = value["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == rest.Length - 1)
            {
                problem = $"{SafeText.Quote(value)} is not s3://BUCKET/KEY";
                return null;
            }

            var bucket = rest[..slash];
            if (AwsIdentifiers.BucketNameProblem(bucket) is { } bucketProblem)
            {
                problem = bucketProblem;
                return null;
            }

            return new ConfigDocumentLocation(ConfigStoreKind.S3, bucket, rest[(slash + 1)..]);
        }

        if (value.StartsWith("ssm:", StringComparison.Ordinal))
        {
            var name = value["ssm:".Length..];
            if (!ParameterName().IsMatch(name))
            {
                problem = $"{SafeText.Quote(value)} is not ssm:/PARAMETER/NAME (1-1011 letters, digits and _.-/, starting with /)";
                return null;
            }

            return new ConfigDocumentLocation(ConfigStoreKind.Ssm, name);
        }

        if (value.Length == 0 || value.Contains('\0', StringComparison.Ordinal))
        {
            problem = $"{SafeText.Quote(value)} is not s3://BUCKET/KEY, ssm:/PARAMETER/NAME or a file path";
            return null;
        }

        return new ConfigDocumentLocation(ConfigStoreKind.File, value);
    }

    [GeneratedRegex(@"^/[A-Za-z0-9_.\-/]{1,1010}\z")]
    private static partial Regex ParameterName();
}

/// <summary>Where a configuration document is kept.</summary>
public enum ConfigStoreKind
{
    File,
    S3,
    Ssm,
}
