using System.Numerics;
using System.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The strings of one parse, shared by their UTF-8 bytes: a policy repeats a few hundred distinct values (actions,
/// ARNs, condition keys and values) a thousand times, and making each one a new string was most of the parse's time
/// and memory. Only short ASCII strings are shared (the bytes are compared with the string's characters, which is
/// exact for ASCII); the table never grows past half full, a lookup looks at no more than <see cref="MaxProbes"/>
/// slots, and what does not fit is simply not shared.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int MaxLength = 256;
    private const int MinCapacity = 16;
    private const int MaxCapacity = 1024;

    // Linear probing in a table at most half full looks at under two slots on average; strings whose hashes crowd
    // one neighbourhood (chance, or a document made to collide) cost at most this many comparisons each.
    private const int MaxProbes = 8;

    private readonly string?[] entries;
    private readonly int[] hashes;
    private int count;

    /// <summary>A pool sized for a document of <paramref name="utf8Length"/> bytes.</summary>
    public Utf8StringPool(int utf8Length)
    {
        var capacity = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, utf8Length / 32)), MinCapacity, MaxCapacity);
        entries = new string?[capacity];
        hashes = new int[capacity];
    }

    /// <summary>The string whose UTF-8 bytes (not escaped, valid UTF-8) are <paramref name="utf8"/>.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = Utf8Hash.Of(utf8);
        var mask = entries.Length - 1;
        var slot = hash & mask;
        for (var probe = 0; probe < MaxProbes; probe++, slot = (slot + 1) & mask)
        {
            var entry = entries[slot];
            if (entry is null)
            {
                var text = Encoding.UTF8.GetString(utf8);
                if (count < entries.Length / 2 && text.Length == utf8.Length)
                {
                    // Same length in characters as in bytes: ASCII, so it can be matched byte for character.
                    entries[slot] = text;
                    hashes[slot] = hash;
                    count++;
                }

                return text;
            }

            if (hashes[slot] == hash && Ascii.Equals(utf8, entry))
            {
                return entry;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }
}
