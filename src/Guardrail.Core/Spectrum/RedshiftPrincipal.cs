using System.Text.RegularExpressions;

namespace Guardrail.Core.Spectrum;

/// <summary>The Amazon Redshift service principal, in its global and Region-scoped forms.</summary>
public static partial class RedshiftPrincipal
{
    /// <summary>The global service principal name.</summary>
    public const string Global = "redshift.amazonaws.com";

    /// <summary>Whether a Service principal value names Redshift (<c>redshift.amazonaws.com</c> or <c>redshift.REGION.amazonaws.com</c>).</summary>
    public static bool IsRedshift(string value) => RedshiftName().IsMatch(value);

    /// <summary>Redshift Serverless's service principal.</summary>
    public const string ServerlessName = "redshift-serverless.amazonaws.com";

    /// <summary>Whether a Service principal value names Redshift Serverless.</summary>
    public static bool IsServerless(string value) => string.Equals(value, ServerlessName, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^redshift(\.[a-z]{2}(-[a-z]+)+-\d+)?\.amazonaws\.com(\.cn)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RedshiftName();
}
