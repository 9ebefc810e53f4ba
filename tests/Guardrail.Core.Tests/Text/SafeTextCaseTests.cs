using System.Text.Json.Nodes;
using Guardrail.Core.Text;

namespace Guardrail.Core.Tests.Text;

/// <summary>
/// Runs tests/cases/text/safe-text.json: what SafeText escapes (controls, bidirectional controls, invisible characters,
/// unsafe characters outside the BMP), what it keeps (text of any script, emoji) and where it cuts.
/// </summary>
public sealed class SafeTextCaseTests
{
    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(RepoPaths.Of("tests", "cases", "text", "safe-text.json")))!["cases"]!.AsArray();

    public static TheoryData<string> Names => [.. Cases.Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = Cases.Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        Assert.NotEmpty(c["follows"]!.AsArray());
        var input = c["input"]!.GetValue<string>();
        var expected = c["expected"]!;

        switch (c["function"]!.GetValue<string>())
        {
            case "printable":
                Assert.Equal(expected.GetValue<bool>(), SafeText.IsPrintable(input));
                break;
            case "line":
                Assert.Equal(expected.GetValue<string>(), SafeText.Line(input));
                break;
            case "echo":
                Assert.Equal(expected.GetValue<string>(), SafeText.Echo(input));
                break;
            default:
                Assert.Equal(expected.GetValue<string>(), SafeText.Quote(input));
                break;
        }
    }

    [Fact]
    public void Escaping_is_idempotent_on_lines()
    {
        foreach (var c in Cases.Where(c => c!["function"]!.GetValue<string>() == "line"))
        {
            var once = SafeText.Line(c!["input"]!.GetValue<string>());
            Assert.True(SafeText.IsPrintable(once), once);
            Assert.Equal(once.TrimEnd('…'), SafeText.Line(once).TrimEnd('…'));
        }
    }
}
