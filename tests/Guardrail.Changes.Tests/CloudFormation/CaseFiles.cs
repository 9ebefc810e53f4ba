namespace Guardrail.Changes.Tests.CloudFormation;

/// <summary>The corpus folder tests/cases/changes/cloudformation, found from the test binary's folder.</summary>
internal static class CaseFiles
{
    public static string Root { get; } = Find();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Guardrail.sln not found"), "tests", "cases", "changes", "cloudformation");
    }
}
