namespace Guardrail.Core.Tests;

/// <summary>Files of the repository (the case corpus, examples).</summary>
internal static class RepoPaths
{
    public static string Root => Testing.RepoRoot.Path;

    public static string Of(params string[] parts) => Testing.RepoRoot.Of(parts);
}
