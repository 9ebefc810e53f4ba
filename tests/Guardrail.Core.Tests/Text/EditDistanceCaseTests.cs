using System.Text.Json.Nodes;
using Guardrail.Core.Text;

namespace Guardrail.Core.Tests.Text;

/// <summary>Runs tests/cases/text/edit-distance.json: the bounded Damerau–Levenshtein distance the CLI's suggestions use.</summary>
public sealed class EditDistanceCaseTests
{
    private static JsonArray Cases => JsonNode.Parse(File.ReadAllText(RepoPaths.Of("tests", "cases", "text", "edit-distance.json")))!["cases"]!.AsArray();

    public static TheoryData<int> Indexes => [.. Enumerable.Range(0, Cases.Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Case(int index)
    {
        var c = Cases[index]!;
        var a = c["a"]!.GetValue<string>();
        var b = c["b"]!.GetValue<string>();
        var bound = c["bound"]!.GetValue<int>();

        Assert.Equal(c["distance"]!.GetValue<int>(), EditDistance.Between(a, b, bound));
        Assert.Equal(EditDistance.Between(a, b, bound), EditDistance.Between(b, a, bound));
    }

    [Fact]
    public void Folding_makes_one_line_of_a_listed_message()
    {
        Assert.Equal("Must be one of: 'text' 'json'", LineFolding.Fold("Must be one of:\n\t'text'\r\n\t'json'"));
        Assert.Equal("no break", LineFolding.Fold("no break"));
    }
}
