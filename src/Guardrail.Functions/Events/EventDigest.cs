using System.Security.Cryptography;
using System.Text.Json;

namespace Guardrail.Functions.Events;

/// <summary>
/// A digest of an event's content, whatever its layout: the SHA-256 of its canonical JSON (property names in ordinal
/// order, no white space; names are unique, the strict reader saw to it). The same event delivered again, or passed
/// on by another bus that re-serializes it, has the same digest; any change of any field — a forged actor, account or
/// Region on a real event's id — has another, so it is another claim.
/// </summary>
internal static class EventDigest
{
    public static string Of(JsonElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, root);
        }

        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()).AsSpan(0, 16));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
