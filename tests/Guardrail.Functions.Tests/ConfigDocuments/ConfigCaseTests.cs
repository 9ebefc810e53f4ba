using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>
/// The invalid documents of tests/cases/config/: each file is read, and its problems must be exactly the lines that
/// expected.json lists for it (one file, one or a few lines: the JSON path and what is wrong).
/// </summary>
public sealed class ConfigCaseTests
{
    private static readonly string Folder = Path.Combine(Paths.Root, "tests", "cases", "config");

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Where(f => f != "expected.json").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_document_has_exactly_the_expected_problems(string file)
    {
        var expected = Expected()[file]?.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.True(expected is { Count: > 0 }, $"expected.json names no problem for {file}");
        var result = ConfigDocumentReader.Read(File.ReadAllText(Path.Combine(Folder, file)));
        Assert.Null(result.Document);
        Assert.Equal(expected, result.Problems);
    }

    [Fact]
    public void Every_expectation_has_its_file()
    {
        foreach (var (file, _) in Expected())
        {
            Assert.True(File.Exists(Path.Combine(Folder, file)), $"expected.json names {file}, which is not in tests/cases/config");
        }
    }

    private static JsonObject Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!.AsObject();
}
