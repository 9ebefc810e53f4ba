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

    /// <summary>
    /// Whether the value can be shown as it is: at most <paramref name="maxLength"/> characters, none needing an escape
    /// (<see cref="SafeText.IsPrintable"/>: no control, format, bidirectional, invisible or unpaired surrogate character).
    /// </summary>
    public static bool IsPlain(string value, int maxLength = EchoLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= maxLength && SafeText.IsPrintable(value);
    }
}
