using System.Text;
using System.Text.Json;

namespace Guardrail.Core.Parsing;

/// <summary>The element names an object may have, kept as UTF-8 too so JSON property names are matched without allocating.</summary>
internal sealed class KnownNames
{
    private readonly byte[][] utf8;

    public KnownNames(params string[] names)
    {
        Names = names;
        utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The known name the property has (exact case), or null.</summary>
    public string? Find(JsonProperty property)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (property.NameEquals(utf8[i]))
            {
                return Names[i];
            }
        }

        return null;
    }
}
