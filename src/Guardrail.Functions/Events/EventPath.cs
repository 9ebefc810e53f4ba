using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Events;

/// <summary>
/// Where in an event an element is, e.g. <c>detail.requestParameters.bucketName</c> or <c>detail.resources[0].ARN</c>:
/// a name that is an identifier is written <c>.name</c>, any other (a hostile key) quoted, escaped and cut with
/// <see cref="SafeText.Quote"/>, so the path is always one unambiguous line. The text is built only when an error names it.
/// </summary>
internal sealed class EventPath
{
    private const int NoIndex = -1;

    private readonly EventPath? parent;
    private readonly string? name;
    private readonly int index;

    private EventPath(EventPath? parent, string? name, int index)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /// <summary>The whole document.</summary>
    public static EventPath Root { get; } = new(null, null, NoIndex);

    /// <summary>The property <paramref name="key"/> of this object.</summary>
    public EventPath Property(string key) => new(this, key, NoIndex);

    /// <summary>The item at <paramref name="position"/> of this array.</summary>
    public EventPath Item(int position) => new(this, null, position);

    /// <summary>The path, or <c>the event</c> for the root.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text);
        return text.Length == 0 ? "the event" : text.ToString();
    }

    private void Append(StringBuilder text)
    {
        if (parent is null)
        {
            return;
        }

        parent.Append(text);
        if (name is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{index}]");
        }
        else if (IsIdentifier(name))
        {
            text.Append(text.Length > 0 ? "." : string.Empty).Append(name);
        }
        else
        {
            text.Append('[').Append(SafeText.Quote(name)).Append(']');
        }
    }

    private static bool IsIdentifier(string key)
    {
        if (key.Length is 0 or > SafeText.EchoLength || !(char.IsAsciiLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
