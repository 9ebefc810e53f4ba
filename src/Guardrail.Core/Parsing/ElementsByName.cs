using System.Text.Json;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The elements of one JSON object found by name, without a dictionary per object: policies have few distinct
/// element names, and a 20 KB policy has hundreds of objects.
/// </summary>
internal struct ElementsByName
{
    private (string Name, JsonElement Value)[]? items;

    public int Count { get; private set; }

    public bool TryAdd(string name, JsonElement value)
    {
        items ??= new (string, JsonElement)[10];
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[Count++] = (name, value);
        return true;
    }

    public readonly bool TryGetValue(string name, out JsonElement value)
    {
        for (var i = 0; i < Count; i++)
        {
            if (items![i].Name == name)
            {
                value = items[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
