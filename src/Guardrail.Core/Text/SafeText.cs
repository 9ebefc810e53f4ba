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
    /// Escapes what a terminal, a log or a mail reader would interpret or hide, JSON style: <c>\n</c>, <c>\r</c>,
    /// <c>\t</c> and <c>\uXXXX</c> for every other control or format character (C0, DEL, C1, bidirectional controls
    /// U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C, zero-width characters, line and paragraph separators,
    /// unpaired surrogates, unassigned and private-use code points) and every character Unicode says to show as nothing
    /// (Default_Ignorable_Code_Point: fillers, variation selectors, tag characters; <see cref="IsInvisible"/>); a
    /// character outside the BMP is escaped as its two UTF-16 halves. Ordinary text (letters of any script, digits,
    /// punctuation, symbols, emoji without a variation selector) is kept as it is. As a literal (an
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
                // A valid pair is one character: kept whole when ordinary (emoji, CJK extension), else both halves escaped.
                var low = text[i + 1];
                if (IsUnsafe(char.ConvertToUtf32(c, low)))
                {
                    AppendCodeUnit(AppendCodeUnit(builder, c), low);
                }
                else
                {
                    builder.Append(c).Append(low);
                }

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
                if (IsUnsafe(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return true;
                }

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
            AppendCodeUnit(builder, c);
            return;
        }

        builder.Append(c);
    }

    private static StringBuilder AppendCodeUnit(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    /// <summary>Whether <paramref name="text"/> is shown as it is by <see cref="Line"/>: no character of it needs an escape.</summary>
    public static bool IsPrintable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !NeedsEscape(text, asLiteral: false);
    }

    /// <summary>
    /// Whether Unicode says to show <paramref name="codePoint"/> as nothing when it is not supported: its
    /// Default_Ignorable_Code_Point property (https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point, from
    /// DerivedCoreProperties.txt). Besides the format characters (already escaped by category) these are the Hangul
    /// fillers, the combining grapheme joiner, the Khmer inherent vowels, the Mongolian and other variation selectors
    /// and the tag characters: text hidden in plain sight.
    /// </summary>
    public static bool IsInvisible(int codePoint) => codePoint switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x17B4 and <= 0x17B5 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };

    // Control (C0, DEL, C1), format (bidi controls, zero-width), line/paragraph separators, lone surrogates,
    // unassigned and private-use code points, and what Unicode shows as nothing: none of them belongs in a one-line message.
    private static bool IsUnsafe(char c) =>
        c < ' ' || (c >= '\u007f' && c <= '\u009f') || (c >= '\u00a0' && (IsInvisible(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse));

    // A character outside the BMP (a valid surrogate pair): the tag characters, the supplementary private-use planes,
    // unassigned code points and the other invisible ones are escaped; emoji and CJK extensions are not.
    private static bool IsUnsafe(int codePoint) =>
        IsInvisible(codePoint) || CharUnicodeInfo.GetUnicodeCategory(codePoint) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse;
}
