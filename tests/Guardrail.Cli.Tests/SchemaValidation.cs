using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Guardrail.Cli.Tests;

/// <summary>
/// The schemas outputs are validated against: docs/check-output.schema.json (draft 2020-12) and the official SARIF
/// 2.1.0 schema (Schemas/sarif-2.1.0.json, from oasis-tcs/sarif-spec, unchanged). JsonSchema.Net reads no draft-04,
/// the SARIF schema's dialect: it is read as draft-07 (its draft-04 <c>id</c> removed: every reference in it is local), which means the same for every
/// keyword it uses (it has no <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, the keywords whose meaning changed).
/// </summary>
internal static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> Output = new(() => JsonSchema.FromText(File.ReadAllText(Testing.RepoRoot.Of("docs", "check-output.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static readonly Lazy<JsonSchema> Sarif = new(() =>
    {
        var schema = JsonNode.Parse(File.ReadAllText(Testing.RepoRoot.Of("tests", "Guardrail.Cli.Tests", "Schemas", "sarif-2.1.0.json")))!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", schema["$schema"]!.GetValue<string>());
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        Assert.StartsWith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/", schema["id"]!.GetValue<string>(), StringComparison.Ordinal);
        schema.Remove("id");
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    public static void AssertOutputValid(string json) => AssertValid(Output.Value, json);

    public static void AssertSarifValid(string json) => AssertValid(Sarif.Value, json);

    private static void AssertValid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors) + "\n" + json);
    }
}
