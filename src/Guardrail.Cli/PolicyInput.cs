using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Cli;

/// <summary>Reads a policy from a file or standard input (<c>-</c>) and parses it, turning every failure into a message for people.</summary>
public static class PolicyInput
{
    /// <summary>Reads (<see cref="InputText"/>) and parses the policy named by <paramref name="source"/>.</summary>
    public static PolicyDocument Read(string source, PolicyKind kind, CliEnvironment env) => ReadWithLines(source, kind, env).Document;

    /// <summary>Reads and parses the policy, and finds the line where each of its statements starts (SARIF regions).</summary>
    public static (PolicyDocument Document, Reports.StatementLines Lines) ReadWithLines(string source, PolicyKind kind, CliEnvironment env)
    {
        var text = InputText.Read(source, "policy", env);
        return (Parse(text, source, kind), Reports.StatementLines.Scan(text));
    }

    private static PolicyDocument Parse(string text, string source, PolicyKind kind)
    {
        try
        {
            return PolicyParser.Parse(text, kind);
        }
        catch (PolicyParseException e)
        {
            var name = source == "-" ? "standard input" : Core.Text.SafeText.Echo(source);
            throw new UsageException($"invalid policy in {name}: {e.Message}");
        }
    }
}
