using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The elements of one JSON object found by name, kept inline on the stack: policies have few distinct element
/// names (at most 9 per object), and a 20 KB policy has hundreds of objects, so no dictionary or array per object.
/// </summary>
internal struct ElementsByName
{
    private Buffer items;

    public int Count { get; private set; }

    public bool TryAdd(string name, JsonElement value)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (Count == Buffer.Capacity)
        {
            // Every known name was checked unique above, so more than Capacity entries cannot happen.
            throw new InvalidOperationException("too many elements in one object");
        }

        items[Count++] = (name, value);
        return true;
    }

    public readonly bool TryGetValue(string name, out JsonElement value)
    {
        for (var i = 0; i < Count; i++)
        {
            if (items[i].Name == name)
            {
                value = items[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        public const int Capacity = 9;

        private (string Name, JsonElement Value) element;
    }
}
