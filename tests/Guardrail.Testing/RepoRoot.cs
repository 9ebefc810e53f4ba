namespace Guardrail.Testing;

/// <summary>The repository's root folder (the one holding Guardrail.sln), found from the test binary's folder.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path below the root.</summary>
    public static string Of(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Guardrail.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Guardrail.sln not found above " + AppContext.BaseDirectory);
    }
}
