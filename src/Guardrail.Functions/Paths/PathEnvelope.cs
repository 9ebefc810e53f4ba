using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Functions.Paths;

/// <summary>
/// A path's state as the functions store and compare it: the snapshot (issue 9's schema) and, beside it, the facts a
/// restore needs that the snapshot does not hold (a boundary's policy ARN, default version ids, bare key ids). One JSON
/// text: <c>{"snapshot": {...}, "facts": {...}}</c>; its hash is the SHA-256 of that text, which the collector writes
/// in a fixed order, so the same live state always hashes the same.
/// </summary>
public sealed record PathEnvelope(JsonObject Snapshot, JsonObject? Facts)
{
    /// <summary>The envelope as text.</summary>
    public string ToText() => new JsonObject
    {
        ["snapshot"] = Snapshot.DeepClone(),
        ["facts"] = Facts?.DeepClone(),
    }.ToJsonString();

    /// <summary>Reads an envelope's text.</summary>
    /// <exception cref="InvalidDataException">The text is not an envelope (a stored state from another version).</exception>
    public static PathEnvelope Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var root = JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("a path state is a JSON object");
            var snapshot = root["snapshot"] as JsonObject ?? throw new InvalidDataException("a path state has a \"snapshot\" object");
            return new PathEnvelope((JsonObject)snapshot.DeepClone(), root["facts"]?.DeepClone() as JsonObject);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"a path state is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The hash of an envelope's text.</summary>
    public static string HashOf(string? text) =>
        text is null ? "none" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
