using System.Text.Json;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The values a policy is made of, read from a <see cref="Utf8JsonReader"/>'s current token, each refused with a
/// message that names the element: strings, lists of strings, condition scalars, property names.
/// </summary>
internal static class JsonValues
{
    /// <summary>A string value; leaves the reader on it.</summary>
    public static string String(ref Utf8JsonReader reader, in ElementPath path, Utf8StringPool pool)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(path, $"expected a string, got {JsonTokens.Describe(ref reader)}");
        }

        return JsonTokens.String(ref reader, pool) ?? throw Error(path, JsonText.UnpairedSurrogate);
    }

    /// <summary>A property name (for a message or a map key).</summary>
    public static string Name(ref Utf8JsonReader reader, in ElementPath parent, Utf8StringPool pool) =>
        JsonTokens.String(ref reader, pool) ?? throw Error(parent, $"a property name {JsonText.UnpairedSurrogate}");

    /// <summary>
    /// A non-empty string or a non-empty array of non-empty strings (<c>Action</c>, <c>Resource</c>, principal
    /// values); leaves the reader on its last token. <paramref name="scratch"/> is reused by the caller.
    /// </summary>
    public static string[] StringList(ref Utf8JsonReader reader, in ElementPath path, List<string> scratch, Utf8StringPool pool)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var single = String(ref reader, path, pool);
            return single.Length > 0 ? [single] : throw Error(path, "must not be an empty string");
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(path, $"expected a string or an array of strings, got {JsonTokens.Describe(ref reader)}");
        }

        scratch.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = path.Item(scratch.Count);
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Error(itemPath, $"expected a string, got {JsonTokens.Describe(ref reader)}");
            }

            var value = String(ref reader, itemPath, pool);
            scratch.Add(value.Length > 0 ? value : throw Error(itemPath, "must not be an empty string"));
        }

        return scratch.Count > 0 ? [.. scratch] : throw Error(path, "must not be an empty array");
    }

    /// <summary>A condition value: a string, a number (as written) or a boolean.</summary>
    public static string Scalar(ref Utf8JsonReader reader, in ElementPath path, Utf8StringPool pool) => reader.TokenType switch
    {
        JsonTokenType.String => String(ref reader, path, pool),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Number => JsonTokens.Raw(ref reader),
        _ => throw Error(path, $"expected a string, number or boolean, got {JsonTokens.Describe(ref reader)}"),
    };

    private static PolicyParseException Error(in ElementPath path, string detail) => new(path.ToString(), detail);
}
