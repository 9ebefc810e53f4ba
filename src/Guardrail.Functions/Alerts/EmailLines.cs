using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Alerts;

/// <summary>
/// The plain text of an alert email, written one line at a time, each made one printable line by
/// <see cref="SafeText.Line"/> (the CLI's last guard too): a value from a policy, an event or AWS that holds a newline, a
/// terminal escape, a bidirectional control or an invisible character can neither start a line of its own (forging
/// "What the guardrail did: ...") nor hide or reorder text. Values are cut with <see cref="Value"/> before they go in.
/// </summary>
internal sealed class EmailLines
{
    /// <summary>How many characters of one value (an ARN, a user agent, a Sid) an email shows before cutting it with <c>…</c>.</summary>
    public const int ValueLength = 256;

    private readonly StringBuilder text = new();

    /// <summary>A value for an email line: escaped like <see cref="SafeText.Line"/> and cut after <see cref="ValueLength"/> characters.</summary>
    public static string Value(string? value) => SafeText.Escape(value ?? string.Empty, ValueLength, asLiteral: false);

    /// <summary>Appends one line (empty: a blank line).</summary>
    public EmailLines Line(string line = "")
    {
        text.Append(SafeText.Line(line)).Append(Environment.NewLine);
        return this;
    }

    public override string ToString() => text.ToString();
}
