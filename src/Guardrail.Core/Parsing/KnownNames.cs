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
    private readonly string[] names;

    public KnownNames(params string[] names)
    {
        if (names.Length > ElementsByName.Capacity)
        {
            throw new ArgumentException($"at most {ElementsByName.Capacity} names", nameof(names));
        }

        Names = this.names = names;
        utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>The names, by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The name at <paramref name="index"/> (no interface call: statements look their element names up often).</summary>
    public string NameAt(int index) => names[index];

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

    /// <summary>The index of the known name the reader's current property name has (exact case), or -1.</summary>
    public int Find(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // An escaped name ("Eff\u0065ct") is decoded first; one that is not text matches nothing.
            var name = JsonTokens.String(ref reader);
            return name is null ? -1 : IndexOf(name);
        }

        var raw = reader.ValueSpan;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (raw.SequenceEqual(utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Records every property of <paramref name="element"/> (an object) in <paramref name="found"/> by its name's
    /// index. Stops at the first property that is not a known name (<paramref name="known"/> is -1) or repeats one
    /// (<paramref name="known"/> is its index): duplicate names are legal JSON but ambiguous, so readers refuse them.
    /// </summary>
    /// <returns>False when it stopped at <paramref name="offending"/>.</returns>
    public bool TryCollect(JsonElement element, ref ElementsByName found, out JsonProperty offending, out int known)
    {
        foreach (var property in element.EnumerateObject())
        {
            // Matching the UTF-8 name in place avoids a string per property; policies have thousands.
            known = Find(property);
            if (known < 0 || !found.TryAdd(known, property.Value))
            {
                offending = property;
                return false;
            }
        }

        offending = default;
        known = -1;
        return true;
    }

    /// <summary>The known name that equals <paramref name="name"/> ignoring case, for a "did you mean" hint; else null.</summary>
    public string? SameIgnoringCase(string name) => Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));

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
