using System.Text.Json.Nodes;

namespace Guardrail.Aws.Rest;

/// <summary>Reads the fields of a JSON answer without trusting their types: a field of another type reads as absent.</summary>
internal static class JsonFields
{
    public static string? Text(JsonNode? parent, string name) =>
        parent is JsonObject o && o[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? Flag(JsonNode? parent, string name) =>
        parent is JsonObject o && o[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static JsonObject? Object(JsonNode? parent, string name) => parent is JsonObject o ? o[name] as JsonObject : null;

    public static IEnumerable<JsonObject> Objects(JsonNode? parent, string name) =>
        (parent is JsonObject o ? o[name] as JsonArray : null)?.OfType<JsonObject>() ?? [];

    /// <summary>The strings of an array field; null when the field is absent or not an array.</summary>
    public static IReadOnlyList<string>? Texts(JsonNode? parent, string name) =>
        parent is JsonObject o && o[name] is JsonArray array
            ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var t) ? t : null).OfType<string>()]
            : null;

    /// <summary>The token of the next page, or null on the last one (an empty token is the last page too).</summary>
    public static string? NextToken(JsonObject page, string name = "NextToken") => Text(page, name) is { Length: > 0 } token ? token : null;
}
