using Guardrail.Core.Findings.Exceptions;
using Guardrail.Core.Text;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Cli;

/// <summary>Reads <c>--exceptions FILE</c> (JSON or YAML, <see cref="ExceptionsDocumentReader"/>); each problem is one line on stderr, exit 2.</summary>
public static class ExceptionsInput
{
    public static IReadOnlyList<FindingException> Read(string source, CliEnvironment env)
    {
        var text = InputText.Read(source, "exceptions", env);
        var result = ExceptionsDocumentReader.Read(text);
        if (result.Exceptions is { } exceptions)
        {
            return exceptions;
        }

        var name = source == "-" ? "standard input" : SafeText.Echo(source);
        throw new DocumentProblemsException($"invalid exceptions file {name}", result.Problems);
    }
}
