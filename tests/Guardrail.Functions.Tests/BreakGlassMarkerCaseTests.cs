using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Aws.Ssm;
using Guardrail.Functions.BreakGlass;

namespace Guardrail.Functions.Tests;

/// <summary>The break-glass parameter's values, as data (tests/cases/break-glass/markers.json).</summary>
public sealed class BreakGlassMarkerCaseTests
{
    private static readonly JsonObject Corpus = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "tests", "cases", "break-glass", "markers.json")))!.AsObject();

    public static TheoryData<string> Names() => [.. Corpus["cases"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = Corpus["cases"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == name)!;
        var now = DateTimeOffset.Parse(Corpus["now"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var parameter = c["value"] is null ? null : new BreakGlassParameterValue(c["value"]!.GetValue<string>(), DateTimeOffset.Parse(c["modified"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        var state = BreakGlassMarker.Judge(parameter, now);

        Assert.Equal(Enum.Parse<BreakGlassStatus>(c["status"]!.GetValue<string>()), state.Status);
        Assert.Equal(state.Status == BreakGlassStatus.Invalid, state.Problem is not null);
        Assert.DoesNotContain('\n', state.Problem ?? string.Empty);
    }
}
