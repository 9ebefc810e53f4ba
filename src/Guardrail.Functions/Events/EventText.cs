using System.Globalization;
using System.Text;

namespace Guardrail.Functions.Events;

/// <summary>
/// Puts a value taken from an event into a message safely: a 20 MB field must not become a 20 MB log line, and a
/// newline or escape sequence in it must not forge a second log line or repaint a terminal.
/// </summary>
public static class EventText
{
    /// <summary>How many characters of an echoed value are kept before it is cut with <c>…</c>.</summary>
    public const int EchoLength = 100;

    /// <summary>The value in double quotes, control and format characters escaped JSON style, cut after <see cref="EchoLength"/> characters.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var cut = value.Length > EchoLength;
        var end = cut ? EchoLength : value.Length;
        if (cut && char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }

        var builder = new StringBuilder(end + 8).Append('"');
        for (var i = 0; i < end; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when NeedsEscape(value, i) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append(cut ? "\"…" : "\"").ToString();
    }

    /// <summary>Whether the value can be shown as it is: at most <paramref name="maxLength"/> characters, none needing an escape.</summary>
    public static bool IsPlain(string value, int maxLength = EchoLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (NeedsEscape(value, i))
            {
                return false;
            }
        }

        return true;
    }

    // Control, format (bidirectional overrides, zero-width), separator and unpaired surrogate characters.
    private static bool NeedsEscape(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(value[i - 1]);
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned;
    }
}
