using System.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Reads a configuration document (JSON, or YAML) and validates it against schema version 1. Total: any text gives a
/// <see cref="ConfigReadResult"/>, never an exception, in time and memory bounded by <see cref="DocumentLimits"/>.
/// Text whose first non-blank character is <c>{</c> or <c>[</c> is read as JSON (strict: no comments, no trailing
/// commas), anything else as YAML; both become the same tree, so the same rules apply to both.
/// </summary>
public static class ConfigDocumentReader
{
    public static ConfigReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new ProblemList();

        // Cheap first: a string longer than the limit in characters is longer in UTF-8 bytes too.
        if (text.Length > DocumentLimits.MaxBytes || Encoding.UTF8.GetByteCount(text) > DocumentLimits.MaxBytes)
        {
            problems.Add("$", $"the document is larger than {DocumentLimits.MaxBytes:N0} bytes, the most read");
            return ConfigReadResult.Invalid(problems.ToList());
        }

        var body = text.StartsWith('\uFEFF') ? text[1..] : text;
        var tree = IsJson(body) ? JsonDocumentParser.Parse(body, problems) : YamlDocumentParser.Parse(body, problems);
        var document = tree is null ? null : ConfigDocumentValidator.Validate(tree, problems);
        return document is not null && problems.Count == 0 ? ConfigReadResult.Valid(document) : ConfigReadResult.Invalid(Nonempty(problems));
    }

    private static bool IsJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    // The validator adds a problem for every null it returns; this keeps the result's invariant if one is ever missed.
    private static IReadOnlyList<string> Nonempty(ProblemList problems)
    {
        if (problems.Count == 0)
        {
            problems.Add("$", "not a configuration document");
        }

        return problems.ToList();
    }
}
