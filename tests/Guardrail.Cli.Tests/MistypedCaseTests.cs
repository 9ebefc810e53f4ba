using System.Text.Json.Nodes;

namespace Guardrail.Cli.Tests;

/// <summary>Runs tests/cases/cli/mistyped.json: a command line the CLI cannot parse gets one line, with the nearest name when there is one.</summary>
public sealed class MistypedCaseTests
{
    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(Testing.RepoRoot.Of("tests", "cases", "cli", "mistyped.json")))!["cases"]!.AsArray();

    public static TheoryData<string> Names => [.. Cases.Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = Cases.Single(x => x!["name"]!.GetValue<string>() == name)!;
        string[] args = [.. c["args"]!.AsArray().Select(a => a!.GetValue<string>())];

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.Exit);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(c["error"]!.GetValue<string>() + Environment.NewLine, result.Error);
    }
}
