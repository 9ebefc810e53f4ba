using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Aws.Collect;

/// <summary>Embeds a policy document in the snapshot.</summary>
internal static class PolicyJson
{
    /// <summary>
    /// The policy as a JSON object; a text that is not one (AWS stores only valid JSON, but an emulator may not) is
    /// embedded as the string it is, which the snapshot also accepts, so the snapshot reader names what is wrong with it.
    /// </summary>
    public static JsonNode Embed(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject document)
            {
                return JsonValue.Create(text);
            }

            // Nodes are built lazily: writing the whole tree now surfaces what only writing it later would (a duplicate name).
            _ = document.ToJsonString();
            return document;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary><see cref="Embed"/>, or JSON null for "no policy".</summary>
    public static JsonNode? EmbedOrNull(string? text) => text is null ? null : Embed(text);
}
