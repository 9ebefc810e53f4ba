using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Reads JSON strings and property names that may not be text: JSON lets a string escape half of a UTF-16
/// surrogate pair (<c>"\ud800"</c>), which System.Text.Json parses but then refuses to turn into a string.
/// </summary>
internal static class JsonText
{
    /// <summary>What is wrong with such a string, for a message.</summary>
    public const string UnpairedSurrogate = "is not valid text: it escapes half of a UTF-16 surrogate pair (\\ud800-\\udfff without its other half)";

    /// <summary>The string value, or null when it is not valid text.</summary>
    public static string? String(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether the string equals <paramref name="literal"/>; false when it is not valid text (which equals nothing).</summary>
    public static bool Is(JsonElement element, string literal)
    {
        try
        {
            return element.ValueEquals(literal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The property name, or null when it is not valid text.</summary>
    public static string? Name(JsonProperty property)
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

    /// <summary>The element's kind and (cut, escaped) value for a message: <c>the string "x"</c>, <c>an array</c>, <c>null</c>.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => String(element) is { } text ? $"the string {SafeText.Quote(text)}" : "a string that is not valid text",
        JsonValueKind.Number => $"the number {SafeText.Echo(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };
}
