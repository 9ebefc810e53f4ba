using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The element names an object may have, in a fixed order (a name's position is its index in
/// <see cref="ElementsByName"/>), kept as UTF-8 too so JSON property names are matched without making strings.
/// </summary>
internal sealed class KnownNames
{
    private readonly byte[][] utf8;

    public KnownNames(params string[] names)
    {
        if (names.Length > ElementsByName.Capacity)
        {
            throw new ArgumentException($"at most {ElementsByName.Capacity} names", nameof(names));
        }

        Names = names;
        utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>The names, by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The index of the known name the property has (exact case), or -1.</summary>
    public int Find(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Contains((byte)'\\'))
        {
            // An escaped name ("Eff\u0065ct") is decoded first; one that is not text matches nothing.
            var name = JsonText.Name(property);
            return name is null ? -1 : IndexOf(name);
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (raw.SequenceEqual(utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
