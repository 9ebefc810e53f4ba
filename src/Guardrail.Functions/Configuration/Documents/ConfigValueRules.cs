using System.Text.RegularExpressions;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The checks of the document's own names (path names, Redshift and Glue names, the member role name, a bucket or an
/// access point alias); each returns why a value is refused, quoting it, or null. AWS identifiers use
/// <see cref="AwsIdentifiers"/> and <see cref="RoleArn"/> directly.
/// </summary>
internal static partial class ConfigValueRules
{
    public const int MaxPathNameLength = 720;

    public static string? PathName(string value) =>
        PathNamePattern().IsMatch(value) ? null : $"{SafeText.Quote(value)} is not a path name (1 to {MaxPathNameLength} letters, digits and +=,.@_-)";

    /// <summary>A provisioned cluster identifier or a Serverless namespace, as <see cref="PathSettings"/> reads them.</summary>
    public static string? ClusterName(string value) =>
        value.Length is >= 1 and <= 64 && ClusterNamePattern().IsMatch(value) ? null : $"{SafeText.Quote(value)} is not a Redshift name (1 to 64 lowercase letters, digits and hyphens, starting with a letter)";

    public static string? WorkgroupName(string value) =>
        value.Length is >= 3 and <= 64 && ClusterNamePattern().IsMatch(value) ? null : $"{SafeText.Quote(value)} is not a Redshift Serverless workgroup name (3 to 64 lowercase letters, digits and hyphens, starting with a letter)";

    public static string? GlueName(string value) =>
        GlueNamePattern().IsMatch(value) ? null : $"{SafeText.Quote(value)} is not a Glue name (1 to 255 letters, digits and _-.)";

    /// <summary>A role name or <c>path/name</c>, as it follows <c>role/</c> in an ARN.</summary>
    public static string? RoleName(string value) =>
        value.Length > 0 && !value.StartsWith('/') && RoleArn.TryParse($"arn:aws:iam::000000000000:role/{value}", out _)
            ? null
            : $"{SafeText.Quote(value)} is not an IAM role name or path/name (1 to {RoleArn.MaxNameLength} letters, digits and +=,.@_- after an optional path)";

    /// <summary>A general purpose bucket name, or an access point alias (which ends in <c>-s3alias</c>, a suffix no bucket may have).</summary>
    public static string? BucketOrAlias(string value) =>
        value.EndsWith("-s3alias", StringComparison.Ordinal) && value.Length <= 63 && AliasPattern().IsMatch(value) ? null : AwsIdentifiers.BucketNameProblem(value);

    /// <summary>A key prefix; empty means the whole bucket.</summary>
    public static string? Prefix(string value) => value.Length == 0 ? null : AwsIdentifiers.KeyPrefixProblem(value);

    public static string? Kind(string value) =>
        value is "provisioned" or "serverless" ? null : $"{SafeText.Quote(value)} is not a cluster kind (provisioned or serverless)";

    public static string? RollbackKind(string value) =>
        RollbackKinds.All.Contains(value, StringComparer.Ordinal) ? null : $"{SafeText.Quote(value)} is not a kind of change the guardrail can undo ({string.Join(", ", RollbackKinds.All)})";

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]{1,720}\z")]
    private static partial Regex PathNamePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\z")]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,255}\z")]
    private static partial Regex GlueNamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z")]
    private static partial Regex AliasPattern();
}
