using System.Runtime.InteropServices;
using System.Text.Json;
using Guardrail.Core.Parsing;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Events;

/// <summary>
/// Reads an event as strictly as a snapshot is read, before any field is used: JSON allows a property name twice in one
/// object and a string that escapes half of a UTF-16 surrogate pair (<c>"\ud800"</c>), but the first makes readers
/// disagree on which value counts (System.Text.Json takes the last, other readers the first) and the second is not text
/// at all. Either is refused with one line naming the element. One pass over the parsed document, each name decoded
/// once: linear in the event's size, which <see cref="EventParser.MaxEventBytes"/> bounds.
/// </summary>
internal static class StrictEventJson
{
    /// <summary>What is wrong with a string that escapes half of a surrogate pair, for a message.</summary>
    public const string UnpairedSurrogate = "is not valid text: it escapes half of a UTF-16 surrogate pair (\\ud800-\\udfff without its other half)";

    /// <summary>Checks every property name and string of <paramref name="root"/>.</summary>
    /// <param name="root">The document's root element.</param>
    /// <param name="container">For a JSON document held in a string field of the event (a policy), that field's path; else null.</param>
    /// <param name="eventId">The event's id when already read (the rejection's correlation id).</param>
    /// <exception cref="InvalidEventException">A name repeats in an object, or a name or string is not valid text.</exception>
    public static void Check(JsonElement root, string? container = null, string? eventId = null)
    {
        var seen = new List<HashSet<string>>();
        Walk(root, JsonLocation.Root, 0, seen, container, eventId);
    }

    private static void Walk(JsonElement element, JsonLocation path, int depth, List<HashSet<string>> seen, string? container, string? eventId)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // JsonDocument's depth limit (64) bounds the recursion; one set per depth is reused for every object at it.
                while (seen.Count <= depth)
                {
                    seen.Add(new HashSet<string>(StringComparer.Ordinal));
                }

                foreach (var property in element.EnumerateObject())
                {
                    var name = Name(property) ?? throw Rejected($"a property name in {path.Describe(TheEvent)} {UnpairedSurrogate}", container, eventId);
                    var child = path.Property(name);
                    if (!seen[depth].Add(name))
                    {
                        throw Rejected($"duplicate property {child.Describe(TheEvent)}: the event names it more than once in one object, and JSON readers disagree on which value counts", container, eventId);
                    }

                    Walk(property.Value, child, depth + 1, seen, container, eventId);
                }

                // Cleared when the object is done, so the next object at this depth (a sibling or a cousin) starts afresh.
                seen[depth].Clear();
                break;
            case JsonValueKind.Array:
                var position = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path.Item(position++), depth + 1, seen, container, eventId);
                }

                break;
            case JsonValueKind.String when !IsText(element):
                throw Rejected($"{path.Describe(TheEvent)} {UnpairedSurrogate}", container, eventId);
        }
    }

    private const string TheEvent = "the event";

    private static InvalidEventException Rejected(string problem, string? container, string? eventId) =>
        new(SafeText.Line(container is null ? problem : $"{problem} (in the JSON document held by {container})")) { EventId = eventId };

    /// <summary>Whether the string is valid text; only a string with escapes can be otherwise (the reader validated its UTF-8).</summary>
    private static bool IsText(JsonElement element)
    {
        if (!JsonMarshal.GetRawUtf8Value(element).Contains((byte)'\\'))
        {
            return true;
        }

        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Name(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
