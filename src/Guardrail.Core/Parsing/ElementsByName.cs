using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The elements of one JSON object found by their index in a <see cref="KnownNames"/>, kept inline on the stack:
/// policies have few distinct element names (at most 9 per object), and a 20 KB policy has hundreds of objects, so
/// no dictionary, array or string comparison per object.
/// </summary>
internal struct ElementsByName
{
    /// <summary>The most names an object may have.</summary>
    public const int Capacity = 9;

    private Buffer items;
    private int present;

    public readonly int Count => BitOperations.PopCount((uint)present);

    /// <summary>Records the element with name <paramref name="index"/>; false when the object already had it.</summary>
    public bool TryAdd(int index, JsonElement value)
    {
        var bit = 1 << index;
        if ((present & bit) != 0)
        {
            return false;
        }

        present |= bit;
        items[index] = value;
        return true;
    }

    public readonly bool TryGetValue(int index, out JsonElement value)
    {
        if ((present & (1 << index)) != 0)
        {
            value = items[index];
            return true;
        }

        value = default;
        return false;
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private JsonElement element;
    }
}
