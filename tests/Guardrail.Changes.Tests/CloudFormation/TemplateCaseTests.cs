using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Changes.CloudFormation;

namespace Guardrail.Changes.Tests.CloudFormation;

/// <summary>
/// The template corpus (tests/cases/changes/cloudformation/CASE/): each case's template (with its parameters file
/// and context) read by <see cref="CloudFormationTemplateInput"/> must make exactly the changes expected.json lists,
/// field by field, or fail with the error it names. Every case cites the AWS page it follows.
/// </summary>
public sealed class TemplateCaseTests
{
    public static TheoryData<string> Cases() =>
        [.. Names()];

    private static IEnumerable<string> Names() =>
        Directory.GetDirectories(CaseFiles.Root).Select(d => Path.GetFileName(d)).Where(n => File.Exists(CaseFiles.Of(n, "expected.json"))).Order(StringComparer.Ordinal);

    [Fact]
    public void The_corpus_has_at_least_25_cases_each_citing_its_source()
    {
        var cases = Names().ToList();
        Assert.True(cases.Count >= 25, $"{cases.Count} cases");
        foreach (var name in cases)
        {
            var expected = JsonNode.Parse(File.ReadAllText(CaseFiles.Of(name, "expected.json")))!;
            Assert.StartsWith("https://docs.aws.amazon.com/", expected["source"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(CaseFiles.Of(name, "expected.json")))!.AsObject();
        var (text, file) = Template(name);
        var context = Context(name, file, expected["context"]);

        if (expected["error"] is { } error)
        {
            var thrown = Assert.Throws<ChangeInputException>(() => Read(name, text, context));
            Assert.Contains(error.GetValue<string>(), thrown.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', thrown.Message);
            return;
        }

        var actual = new JsonArray([.. Read(name, text, context).Select(c => (JsonNode)ChangeDescriptions.Describe(c))]);
        if (Environment.GetEnvironmentVariable("GUARDRAIL_UPDATE_CASES") == "1")
        {
            expected["changes"] = actual.DeepClone();
            File.WriteAllText(CaseFiles.Of(name, "expected.json"), expected.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }

        var changes = expected["changes"]!.AsArray();
        Assert.True(changes.Count == actual.Count, $"{changes.Count} changes expected, {actual.Count} made:\n{actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
        for (var i = 0; i < changes.Count; i++)
        {
            foreach (var (key, value) in changes[i]!.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, actual[i]![key]), $"change {i} ({changes[i]!["type"]}) {key}: expected {value?.ToJsonString()}, got {actual[i]![key]?.ToJsonString()}");
            }
        }
    }

    private static IReadOnlyList<Core.Paths.Overlay.ProposedChange> Read(string name, string text, ChangeContext context)
    {
        var parameters = CaseFiles.Of(name, "parameters.json");
        if (File.Exists(parameters))
        {
            context = context with { Parameters = ParametersFileReader.Read(File.ReadAllText(parameters), "parameters.json") };
        }

        return new CloudFormationTemplateInput().Read(text, context);
    }

    private static (string Text, string File) Template(string name)
    {
        foreach (var file in new[] { "template.yaml", "template.json" })
        {
            if (File.Exists(CaseFiles.Of(name, file)))
            {
                return (File.ReadAllText(CaseFiles.Of(name, file)), file);
            }
        }

        throw new InvalidOperationException($"{name}: no template");
    }

    private static ChangeContext Context(string name, string file, JsonNode? given)
    {
        var physical = given?["physicalIds"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
        var parameters = given?["parameters"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
        return new ChangeContext(file, given?["account"]?.GetValue<string>(), given?["region"]?.GetValue<string>(), parameters, physical);
    }
}
