using System.Globalization;
using System.Text;

namespace Guardrail.Core.Text;

/// <summary>
/// Makes text that came from outside (policy values, option values, environment variables) safe to put in a
/// message: a 900 KB value must not become a 900 KB line, and an escape sequence or newline in a value must not
/// repaint a terminal or forge a second log line. Every error message the guardrail shows goes through here.
/// </summary>
public static class SafeText
{
    /// <summary>How many characters of an echoed value are kept before it is cut with <c>…</c>.</summary>
    public const int EchoLength = 100;

    /// <summary>How long one whole message line may get (it may quote several values and name several problems).</summary>
    public const int LineLength = 2000;

    /// <summary>
    /// The value in double quotes, escaped (<see cref="Escape"/>) and cut after <see cref="EchoLength"/> characters,
    /// e.g. <c>"a\u001b[31m…"</c>.
    /// </summary>
    public static string Quote(string? value) => value is null ? "null" : $"\"{Echo(value)}\"";

    /// <summary>The value escaped (<see cref="Escape"/>) and cut after <see cref="EchoLength"/> characters, without quotes.</summary>
    public static string Echo(string? value) => Escape(value ?? string.Empty, EchoLength);

    /// <summary>
    /// A whole message made one printable line: control characters escaped and the line cut after
    /// <see cref="LineLength"/> characters. The last guard before anything is written to a terminal or a log.
    /// </summary>
    public static string Line(string? message) => Escape(message ?? string.Empty, LineLength, asLiteral: false);

    /// <summary>
    /// Escapes what a terminal or log would interpret or hide, JSON style: <c>\n</c>, <c>\r</c>, <c>\t</c> and
    /// <c>\uXXXX</c> for every other control or format character (C0, DEL, C1, bidirectional overrides, zero-width
    /// characters, line and paragraph separators, unpaired surrogates, unassigned code points). As a literal (an
    /// echoed value) <c>\</c> and <c>"</c> are escaped too, so the quoted value reads back unambiguously; a whole
    /// message is not a literal, so the escapes already in it stay as they are. Cuts the text after
    /// <paramref name="maxLength"/> characters of the original, never inside a surrogate pair, and marks the cut with <c>…</c>.
    /// </summary>
    public static string Escape(string text, int maxLength, bool asLiteral = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length > maxLength;
        var end = cut ? maxLength : text.Length;
        if (cut && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end]))
        {
            end--;
        }

        if (!cut && !NeedsEscape(text, asLiteral))
        {
            return text;
        }

        var builder = new StringBuilder(end + 8);
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // A valid pair is an ordinary character (emoji, CJK extension); keep it whole.
                builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            AppendEscaped(builder, c, asLiteral);
        }

        if (cut)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string text, bool asLiteral)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsUnsafe(c) || (asLiteral && c is '\\' or '"'))
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendEscaped(StringBuilder builder, char c, bool asLiteral)
    {
        switch (c)
        {
            case '\n':
                builder.Append("\\n");
                return;
            case '\r':
                builder.Append("\\r");
                return;
            case '\t':
                builder.Append("\\t");
                return;
            case '\\' when asLiteral:
                builder.Append("\\\\");
                return;
            case '"' when asLiteral:
                builder.Append("\\\"");
                return;
        }

        if (IsUnsafe(c))
        {
            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            return;
        }

        builder.Append(c);
    }

    // Control (C0, DEL, C1), format (bidi overrides, zero-width), line/paragraph separators, lone surrogates,
    // unassigned and private-use code points: none of them belongs in a one-line message.
    private static bool IsUnsafe(char c) =>
        c < ' ' || (c >= '\u007f' && c <= '\u009f') || (c >= '\u00a0' && CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse);
}
