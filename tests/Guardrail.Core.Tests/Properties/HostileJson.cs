using System.Globalization;
using System.Text;

namespace Guardrail.Core.Tests.Properties;

/// <summary>
/// A JSON tree that can say what a serializer would refuse to: duplicate names, raw number tokens such as
/// <c>1e400</c>, nesting past any depth limit.
/// </summary>
internal abstract record HostileJson
{
    public sealed override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }

    public abstract void Write(StringBuilder text);

    public static HostileJson Str(string value) => new JsonString(value);

    public static HostileJson Token(string token) => new JsonToken(token);

    public static HostileJson Arr(IEnumerable<HostileJson> items) => new JsonArray([.. items]);

    public static HostileJson Obj(params (string Name, HostileJson Value)[] members) => new JsonObject([.. members.Select(m => (Str(m.Name), m.Value))]);

    public static HostileJson Obj(IEnumerable<(HostileJson Name, HostileJson Value)> members) => new JsonObject([.. members]);
}

internal sealed record JsonToken(string Text) : HostileJson
{
    public override void Write(StringBuilder text) => text.Append(Text);
}

internal sealed record JsonString(string Value) : HostileJson
{
    public override void Write(StringBuilder text)
    {
        text.Append('"');
        foreach (var c in Value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}

internal sealed record JsonArray(IReadOnlyList<HostileJson> Items) : HostileJson
{
    public override void Write(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Items[i].Write(text);
        }

        text.Append(']');
    }
}

internal sealed record JsonObject(IReadOnlyList<(HostileJson Name, HostileJson Value)> Members) : HostileJson
{
    public override void Write(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Members[i].Name.Write(text);
            text.Append(':');
            Members[i].Value.Write(text);
        }

        text.Append('}');
    }
}
