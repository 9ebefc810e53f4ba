using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Where in a snapshot an element is, e.g. <c>buckets.lake.encryption.algorithm</c>, <c>spectrum.roleChain[1]</c> or
/// <c>roles["arn:aws:iam::111122223333:role/spectrum"].inlinePolicies.s3</c>. A name that is an identifier
/// (<c>[A-Za-z_][A-Za-z0-9_-]*</c>, at most <see cref="SafeText.EchoLength"/> characters) is written <c>.name</c>;
/// any other (an ARN, an account id, a hostile key) is quoted, escaped and cut (<see cref="SafeText.Quote"/>), so the
/// path is always one unambiguous line. The text is built only when an error names it.
/// </summary>
internal sealed class SnapshotPath
{
    private const int NoIndex = -1;

    private readonly SnapshotPath? parent;
    private readonly string? name;
    private readonly int index;

    private SnapshotPath(SnapshotPath? parent, string? name, int index)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /// <summary>The whole document (an empty path).</summary>
    public static SnapshotPath Root { get; } = new(null, null, NoIndex);

    /// <summary>The property or map key <paramref name="key"/> inside this element.</summary>
    public SnapshotPath Property(string key) => new(this, key, NoIndex);

    /// <summary>The item at <paramref name="position"/> of this array.</summary>
    public SnapshotPath Item(int position) => new(this, null, position);

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
