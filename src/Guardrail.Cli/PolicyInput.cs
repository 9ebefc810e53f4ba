using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Cli;

/// <summary>Reads a policy from a file or standard input (<c>-</c>) and parses it, turning every failure into a message for people.</summary>
public static class PolicyInput
{
    /// <summary>Reads (<see cref="InputText"/>) and parses the policy named by <paramref name="source"/>.</summary>
    public static PolicyDocument Read(string source, PolicyKind kind, CliEnvironment env)
    {
        var text = InputText.Read(source, "policy", env);
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
