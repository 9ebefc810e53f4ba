using System.Text;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// <see cref="JsonText"/> for a <see cref="Utf8JsonReader"/>'s current token: strings and property names that may not
/// be text (JSON lets a string escape half of a UTF-16 surrogate pair), and a token described for a message. The
/// reader always reads one contiguous buffer, so a value is never split.
/// </summary>
internal static class JsonTokens
{
    /// <summary>The string or property name, or null when it is not valid text.</summary>
    public static string? String(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The string or property name, shared through <paramref name="pool"/> when it has no escapes; null when it is not valid text.</summary>
    public static string? String(ref Utf8JsonReader reader, Utf8StringPool pool) =>
        reader.ValueIsEscaped ? String(ref reader) : pool.Get(reader.ValueSpan);

    /// <summary>Whether the current string equals <paramref name="literal"/> (UTF-8); false when it is not valid text (which equals nothing).</summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> literal)
    {
        try
        {
            return reader.ValueTextEquals(literal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves the reader to the last token of the value that starts at <paramref name="depth"/>, from wherever inside
    /// it reading stopped (a problem found part way through): where <see cref="Utf8JsonReader.Skip"/> from the value's
    /// first token would leave it, without keeping a copy of the reader (a large struct) for every value.
    /// </summary>
    public static void SkipRest(ref Utf8JsonReader reader, int depth)
    {
        if (reader.CurrentDepth == depth)
        {
            // On the value's first token (nothing inside read yet: skip it all) or on its last.
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            return;
        }

        // Inside it: the next token at its depth is its end.
        while (reader.Read() && reader.CurrentDepth > depth)
        {
        }
    }

    /// <summary>A number's or literal's text as the document writes it.</summary>
    public static string Raw(ref Utf8JsonReader reader) => Encoding.UTF8.GetString(reader.ValueSpan);

    /// <summary>The token's kind and (cut, escaped) value for a message, worded as <see cref="JsonText.Describe"/> words an element.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => String(ref reader) is { } text ? $"the string {SafeText.Quote(text)}" : "a string that is not valid text",
        JsonTokenType.Number => $"the number {SafeText.Echo(Raw(ref reader))}",
        JsonTokenType.True or JsonTokenType.False => $"the boolean {Raw(ref reader)}",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
