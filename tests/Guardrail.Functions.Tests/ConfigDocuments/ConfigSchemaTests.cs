using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Functions.Configuration.Documents;
using Json.Schema;

namespace Guardrail.Functions.Tests.ConfigDocuments;

/// <summary>
/// docs/config.schema.json and the reader agree on the examples (both accept every one) and the schema refuses the
/// invalid cases it can express (the reader's cross-checks, such as Regions and accounts agreeing, are beyond it).
/// </summary>
public sealed class ConfigSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(Paths.Root, "docs", "config.schema.json"));

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(Paths.Root, "examples", "config")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_schema_and_the_reader_accept_every_example(string file)
    {
        var text = File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", file));
        var read = ConfigDocumentReader.Read(text);
        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        var evaluation = Schema.Evaluate(AsJson(text), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void The_canonical_json_of_every_example_is_accepted_by_the_schema()
    {
        foreach (var file in Examples())
        {
            var document = ConfigDocumentReader.Read(File.ReadAllText(Path.Combine(Paths.Root, "examples", "config", file))).Document!;
            Assert.True(Schema.Evaluate(AsJson(ConfigDocumentWriter.Write(document))).IsValid, file);
        }
    }

    [Fact]
    public void The_examples_in_the_reference_are_valid()
    {
        var markdown = File.ReadAllText(Path.Combine(Paths.Root, "docs", "config.md"));
        var blocks = System.Text.RegularExpressions.Regex.Matches(markdown, "```(json|yaml)\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.Equal(2, blocks.Count);
        foreach (System.Text.RegularExpressions.Match block in blocks)
        {
            var read = ConfigDocumentReader.Read(block.Groups[2].Value);
            Assert.True(read.IsValid, string.Join("\n", read.Problems));
            Assert.True(Schema.Evaluate(AsJson(block.Groups[2].Value)).IsValid, block.Groups[1].Value);
        }
    }

    [Theory]
    [InlineData("unknown-property.json")]
    [InlineData("version-2.json")]
    [InlineData("chain-too-long.json")]
    [InlineData("chain-empty.json")]
    [InlineData("tables-empty.json")]
    [InlineData("provisioned-with-namespace.json")]
    [InlineData("workgroup-without-namespace.json")]
    [InlineData("database-without-table.json")]
    [InlineData("catalog-without-table.json")]
    [InlineData("rollback-kind-twice.json")]
    [InlineData("account-short.json")]
    [InlineData("vpce-invalid.json")]
    [InlineData("yaml-account-unquoted.yaml")]
    [InlineData("yaml-rollback-yes.yaml")]
    public void The_schema_refuses_what_it_can_express(string file)
    {
        var text = File.ReadAllText(Path.Combine(Paths.Root, "tests", "cases", "config", file));
        Assert.False(Schema.Evaluate(AsJson(text)).IsValid);
    }

    // YAML through the reader's own front end, so the schema sees exactly the tree the validator sees.
    private static JsonElement AsJson(string text)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        var tree = YamlDocumentParser.Parse(text, new ProblemList()) ?? throw new InvalidOperationException("not YAML");
        return JsonSerializer.SerializeToElement(ToJson(tree));
    }

    private static JsonNode? ToJson(DocumentNode node) => node switch
    {
        ObjectNode o => new JsonObject(o.Properties.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        ArrayNode a => new JsonArray([.. a.Items.Select(ToJson)]),
        StringNode s => JsonValue.Create(s.Value),
        NumberNode n => JsonNode.Parse(n.Text),
        BooleanNode b => JsonValue.Create(b.Value),
        _ => null,
    };
}
