using System.Globalization;
using Guardrail.Core.Findings.Exceptions;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Reads a list of exceptions (<c>{rule, resource, statement?, reason, expires}</c>, unknown properties refused), the
/// same in an exceptions file (<see cref="ExceptionsDocumentReader"/>) and in the configuration document's
/// <c>exceptions</c>. Each bad element is one problem at its path.
/// </summary>
internal static class ExceptionListValidator
{
    /// <summary>The most exceptions one list may hold.</summary>
    public const int MaxExceptions = 1_000;

    /// <summary>The longest resource name (an ARN, a Terraform address, a path document).</summary>
    public const int MaxResourceLength = 2_048;

    /// <summary>The longest reason.</summary>
    public const int MaxReasonLength = 1_000;

    public static IReadOnlyList<FindingException>? Read(NodeReader read, DocumentNode node, string path)
    {
        if (read.List(node, path, MaxExceptions) is not { } items)
        {
            return null;
        }

        var exceptions = new List<FindingException>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (One(read, items[i], DocumentPath.Index(path, i)) is { } exception)
            {
                exceptions.Add(exception);
            }
        }

        return exceptions.Count == items.Count ? exceptions : null;
    }

    private static FindingException? One(NodeReader read, DocumentNode node, string path)
    {
        if (read.Object(node, path, "rule", "resource", "statement", "reason", "expires") is not { } o)
        {
            return null;
        }

        var rule = read.Text(o, "rule", path, Rule, "the rule id it accepts (such as vpce-restriction)");
        var resource = read.Text(o, "resource", path, v => Bounded(v, MaxResourceLength), "the bucket, role ARN, document, logical id or address the findings are about");
        var statement = read.OptionalText(o, "statement", path, v => Bounded(v, 256));
        var reason = read.Text(o, "reason", path, v => Bounded(v, MaxReasonLength), "why the finding is accepted");
        var expires = read.Text(o, "expires", path, Date, "the last day it applies (YYYY-MM-DD)");
        return rule is null || resource is null || reason is null || expires is null || (NodeReader.Has(o, "statement") && statement is null)
            ? null
            : new FindingException(rule, resource, statement, reason, DateOnly.ParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string? Rule(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? null
            : $"{SafeText.Quote(value)} is not a rule id (lower-case letters, digits and -, such as vpce-restriction)";

    private static string? Bounded(string value, int max) => value switch
    {
        { Length: 0 } => "is empty",
        _ when value.Length > max => $"is {value.Length:N0} characters long; at most {max:N0}",
        _ when !SafeText.IsPrintable(value) => $"{SafeText.Quote(value)} has control or invisible characters",
        _ => null,
    };

    private static string? Date(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"{SafeText.Quote(value)} is not a date (YYYY-MM-DD)";
}
