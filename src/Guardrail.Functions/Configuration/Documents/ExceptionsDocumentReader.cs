using System.Text;
using Guardrail.Core.Findings.Exceptions;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Reads an exceptions file (CI's <c>--exceptions</c>): JSON or YAML, one object with one property,
/// <c>exceptions</c>, the list <see cref="ExceptionListValidator"/> reads. Total, bounded like a configuration
/// document (<see cref="DocumentLimits"/>): any text gives the list or the problems, never an exception.
/// </summary>
public static class ExceptionsDocumentReader
{
    public static ExceptionsReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new ProblemList();
        if (text.Length > DocumentLimits.MaxBytes || Encoding.UTF8.GetByteCount(text) > DocumentLimits.MaxBytes)
        {
            problems.Add("$", $"the document is larger than {DocumentLimits.MaxBytes:N0} bytes, the most read");
            return new ExceptionsReadResult(null, problems.ToList());
        }

        var body = text.StartsWith('\uFEFF') ? text[1..] : text;
        var tree = body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[') ? JsonDocumentParser.Parse(body, problems) : YamlDocumentParser.Parse(body, problems);
        IReadOnlyList<FindingException>? exceptions = null;
        if (tree is not null)
        {
            var read = new NodeReader(problems);
            if (read.Object(tree, "$", "exceptions") is { } o)
            {
                if (NodeReader.Get(o, "exceptions") is not { } list || list is NullNode)
                {
                    problems.Add("$.exceptions", "missing: the list of exceptions");
                }
                else
                {
                    exceptions = ExceptionListValidator.Read(read, list, "$.exceptions");
                }
            }
        }

        if (exceptions is null && problems.Count == 0)
        {
            problems.Add("$", "not an exceptions document");
        }

        return problems.Count == 0 ? new ExceptionsReadResult(exceptions, []) : new ExceptionsReadResult(null, problems.ToList());
    }
}

/// <summary>The exceptions, or the problems (one line each, <c>$.exceptions[2].expires: …</c>) that keep the file from being read.</summary>
public sealed record ExceptionsReadResult(IReadOnlyList<FindingException>? Exceptions, IReadOnlyList<string> Problems);
