using System.Text.Json;
using Guardrail.Core.Parsing;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the JSON values of a snapshot (strings, booleans, lists, maps, choices), naming the element on every error.</summary>
internal static class SnapshotJson
{
    /// <summary>The error for the element at <paramref name="path"/>; a path deep in hostile keys is cut to one bounded line.</summary>
    public static SnapshotParseException Error(JsonLocation path, string detail) => new(SafeText.Line(path.ToString()), detail);

    public static void ExpectObject(JsonElement element, JsonLocation path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected an object, got {JsonText.Describe(element)}");
        }
    }

    /// <summary>A string (any text, possibly empty).</summary>
    public static string String(JsonElement element, JsonLocation path) =>
        element.ValueKind != JsonValueKind.String ? throw Error(path, $"expected a string, got {JsonText.Describe(element)}")
        : JsonText.String(element) ?? throw Error(path, JsonText.UnpairedSurrogate);

    /// <summary>A string that <paramref name="problem"/> accepts (it returns null for a good value, else why not).</summary>
    public static string Checked(JsonElement element, JsonLocation path, Func<string, string?> problem)
    {
        var value = String(element, path);
        return problem(value) is { } why ? throw Error(path, why) : value;
    }

    public static string NonEmpty(JsonElement element, JsonLocation path) =>
        Checked(element, path, static value => value.Length == 0 ? "must not be an empty string" : null);

    public static bool Boolean(JsonElement element, JsonLocation path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"expected true or false, got {JsonText.Describe(element)}"),
    };

    /// <summary>One of the <paramref name="choices"/>' texts, exactly.</summary>
    public static T Choice<T>(JsonElement element, JsonLocation path, IReadOnlyList<(string Text, T Value)> choices)
    {
        var value = String(element, path);
        foreach (var (text, result) in choices)
        {
            if (string.Equals(text, value, StringComparison.Ordinal))
            {
                return result;
            }
        }

        throw Error(path, $"expected {OneOf(choices.Select(c => c.Text).ToList())}, got {SafeText.Quote(value)}");
    }

    /// <summary>An array, each item read by <paramref name="item"/>, in order.</summary>
    public static List<T> Array<T>(JsonElement element, JsonLocation path, Func<JsonElement, JsonLocation, T> item)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array, got {JsonText.Describe(element)}");
        }

        var items = new List<T>(element.GetArrayLength());
        foreach (var value in element.EnumerateArray())
        {
            items.Add(item(value, path.Item(items.Count)));
        }

        return items;
    }

    /// <summary>
    /// An object used as a map: each key checked by <paramref name="keyProblem"/>, each value read by
    /// <paramref name="value"/>; keys compared ordinally, a repeated key refused; insertion order kept.
    /// </summary>
    public static Dictionary<string, T> Map<T>(JsonElement element, JsonLocation path, Func<string, string?> keyProblem, Func<JsonElement, JsonLocation, string, T> value)
    {
        ExpectObject(element, path);
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var key = Name(property, path);
            var keyPath = path.Property(key);
            if (keyProblem(key) is { } why)
            {
                throw Error(keyPath, why);
            }

            if (map.ContainsKey(key))
            {
                throw Error(keyPath, "duplicate key");
            }

            map.Add(key, value(property.Value, keyPath, key));
        }

        return map;
    }

    /// <summary>A map of strings to strings (tags, encryption context).</summary>
    public static Dictionary<string, string> StringMap(JsonElement element, JsonLocation path, Func<string, string?> keyProblem) =>
        Map(element, path, keyProblem, static (value, valuePath, _) => String(value, valuePath));

    public static string Name(JsonProperty property, JsonLocation parent) =>
        JsonText.Name(property) ?? throw Error(parent, $"a property name {JsonText.UnpairedSurrogate}");

    /// <summary><c>a, b or c</c>, each quoted.</summary>
    public static string OneOf(IReadOnlyList<string> names) => names.Count switch
    {
        1 => $"\"{names[0]}\"",
        _ => string.Join(", ", names.Take(names.Count - 1).Select(n => $"\"{n}\"")) + $" or \"{names[^1]}\"",
    };
}
