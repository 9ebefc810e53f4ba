using System.Numerics;
using System.Runtime.CompilerServices;

namespace Guardrail.Core.Parsing;

/// <summary>
/// What a streaming read found for each known element of one JSON object (by its index in a <see cref="KnownNames"/>),
/// kept inline on the stack: the value already read, or the <see cref="PolicyParseException"/> reading it raised.
/// The reader meets elements in document order but reports problems in a fixed order (an unknown element anywhere
/// before a bad value, <c>Effect</c> before <c>Action</c>), so a value's problem waits here until its turn.
/// </summary>
internal struct ElementValues
{
    private Buffer items;
    private int present;

    public readonly int Count => BitOperations.PopCount((uint)present);

    /// <summary>Records that the object has element <paramref name="index"/>; false when it already had it.</summary>
    public bool TryMark(int index)
    {
        var bit = 1 << index;
        if ((present & bit) != 0)
        {
            return false;
        }

        present |= bit;
        return true;
    }

    /// <summary>The value read for element <paramref name="index"/>, or the problem reading it.</summary>
    public void Set(int index, object value) => items[index] = value;

    public readonly bool Has(int index) => (present & (1 << index)) != 0;

    /// <summary>The value of an element the object has; throws the problem reading it, if there was one.</summary>
    public readonly T Get<T>(int index) => items[index] switch
    {
        PolicyParseException problem => throw problem,
        T value => value,
        _ => throw new InvalidOperationException($"element {index} was not read"),
    };

    [InlineArray(ElementsByName.Capacity)]
    private struct Buffer
    {
        private object? item;
    }
}
