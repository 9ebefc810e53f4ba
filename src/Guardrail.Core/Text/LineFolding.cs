namespace Guardrail.Core.Text;

/// <summary>
/// A message written by others (a command-line parser, an exception) may span lines, e.g. <c>Must be one of:\n\t'text'</c>:
/// folded, each line break and the spaces and tabs around it become one space, so <see cref="SafeText.Line"/> shows
/// it as one readable line rather than with escaped <c>\n</c>s.
/// </summary>
public static class LineFolding
{
    /// <summary>The message with every line break (and the blanks around it) replaced by one space, trimmed.</summary>
    public static string Fold(string? message)
    {
        if (string.IsNullOrEmpty(message) || message.AsSpan().IndexOfAny('\n', '\r') < 0)
        {
            return message ?? string.Empty;
        }

        var lines = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', lines);
    }
}
