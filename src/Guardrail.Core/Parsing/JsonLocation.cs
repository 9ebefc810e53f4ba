using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Where in a JSON document (a snapshot, an event) an element is, e.g. <c>buckets.lake.encryption.algorithm</c>,
/// <c>spectrum.roleChain[1]</c>, <c>roles["arn:aws:iam::111122223333:role/spectrum"].inlinePolicies.s3</c> or
/// <c>detail.requestParameters.bucketName</c>. A name that is an identifier
/// (<c>[A-Za-z_][A-Za-z0-9_-]*</c>, at most <see cref="SafeText.EchoLength"/> characters) is written <c>.name</c>;
/// any other (an ARN, an account id, a hostile key) is quoted, escaped and cut (<see cref="SafeText.Quote"/>), so the
/// path is always one unambiguous line. The text is built only when an error names it.
/// </summary>
public sealed class JsonLocation
{
    private const int NoIndex = -1;

    private readonly JsonLocation? parent;
    private readonly string? name;
    private readonly int index;

    private JsonLocation(JsonLocation? parent, string? name, int index)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /// <summary>The whole document (an empty path).</summary>
    public static JsonLocation Root { get; } = new(null, null, NoIndex);

    /// <summary>The property or map key <paramref name="key"/> inside this element.</summary>
    public JsonLocation Property(string key) => new(this, key, NoIndex);

    /// <summary>The item at <paramref name="position"/> of this array.</summary>
    public JsonLocation Item(int position) => new(this, null, position);

    /// <summary>The path, or <paramref name="root"/> for the whole document.</summary>
    public string Describe(string root) => parent is null ? root : ToString();

    /// <summary>The path; empty for the whole document.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text);
        return text.ToString();
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
