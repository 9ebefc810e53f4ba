using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Events;

/// <summary>
/// Puts a value taken from an event into a message safely: a 20 MB field must not become a 20 MB log line, and a
/// newline or escape sequence in it must not forge a second log line or repaint a terminal.
/// </summary>
public static class EventText
{
    /// <summary>How many characters of an echoed value are kept before it is cut with <c>…</c>.</summary>
    public const int EchoLength = 100;

    /// <summary>The value quoted the way every message of the guardrail quotes input (<see cref="SafeText.Quote"/>).</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SafeText.Quote(value);
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
