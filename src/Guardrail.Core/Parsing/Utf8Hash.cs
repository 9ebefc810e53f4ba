using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Guardrail.Core.Parsing;

/// <summary>
/// A fast hash of a short run of UTF-8 bytes for <see cref="Utf8StringPool"/>: eight bytes per step, seeded once per
/// process. <see cref="HashCode.AddBytes"/> takes four bytes a step through a longer round and was half the cost of a
/// parse's strings. It need not resist collisions: the pool compares the bytes of every candidate and looks at a
/// bounded number of slots, so colliding strings cost at most that many comparisons each and are then not shared.
/// </summary>
internal static class Utf8Hash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const ulong Finisher = 0xBF58476D1CE4E5B9UL;

    private static readonly ulong Seed = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(sizeof(ulong)));

    /// <summary>A non-negative hash of <paramref name="utf8"/>.</summary>
    public static int Of(ReadOnlySpan<byte> utf8)
    {
        var hash = Seed ^ ((ulong)utf8.Length * Multiplier);
        var rest = utf8;
        while (rest.Length >= sizeof(ulong))
        {
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(rest));
            rest = rest[sizeof(ulong)..];
        }

        if (!rest.IsEmpty)
        {
            // The last bytes: the final eight of the whole run when it is that long (overlapping what was mixed),
            // else the first and last four, else the first, middle and last byte.
            var tail = utf8.Length >= sizeof(ulong) ? BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..])
                : rest.Length >= sizeof(uint) ? BinaryPrimitives.ReadUInt32LittleEndian(rest) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(rest[^sizeof(uint)..]) << 32)
                : rest[0] | ((ulong)rest[rest.Length / 2] << 8) | ((ulong)rest[^1] << 16);
            hash = Mix(hash ^ tail);
        }

        hash *= Finisher;
        return (int)(hash >> 33);
    }

    private static ulong Mix(ulong hash)
    {
        hash *= Multiplier;
        return hash ^ (hash >> 29);
    }
}
