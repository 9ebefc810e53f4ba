using System.Text;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Cli;

/// <summary>Reads a policy from a file or standard input (<c>-</c>) and parses it, turning every failure into a message for people.</summary>
public static class PolicyInput
{
    private const int MaxBytes = 1024 * 1024;

    /// <summary>Reads and parses the policy named by <paramref name="source"/>.</summary>
    public static PolicyDocument Read(string source, PolicyKind kind, CliEnvironment env)
    {
        var text = ReadText(source, env);
        try
        {
            return PolicyParser.Parse(text, kind);
        }
        catch (PolicyParseException e)
        {
            var name = source == "-" ? "standard input" : source;
            throw new UsageException($"invalid policy in {name}: {e.Message}");
        }
    }

    private static string ReadText(string source, CliEnvironment env)
    {
        if (source == "-")
        {
            return env.In.ReadToEnd();
        }

        var path = Path.GetFullPath(source, env.WorkingDirectory);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException(Directory.Exists(path) ? $"{source} is a directory, not a policy file" : $"policy file {source} does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw new UsageException($"policy file {source} is {info.Length} bytes; policies are at most 20 KB (bucket) or 4 KB (trust)");
            }

            return File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException($"policy file {source} is not UTF-8 text");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read policy file {source}: {e.Message}");
        }
    }
}
