using System.Text.Json.Nodes;

namespace Guardrail.Changes.Tests.Terraform;

/// <summary>The data-driven corpus: tests/cases/changes/terraform/CASE/plan.json with expected.json beside it.</summary>
internal static class TerraformCases
{
    public static string Directory { get; } = Find();

    public static IEnumerable<string> Names => System.IO.Directory.GetDirectories(Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string Plan(string name) => File.ReadAllText(Path.Combine(Directory, name, "plan.json"));

    public static JsonObject Expected(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name, "expected.json")))!.AsObject();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Guardrail.sln not found"), "tests", "cases", "changes", "terraform");
    }
}
