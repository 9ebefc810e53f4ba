using System.Text.Json;
using Guardrail.Core.Parsing;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// One object of a snapshot's fixed shape, its properties found by their index in a <see cref="KnownNames"/>. Any
/// other property name is an error: a typo must not silently become "absent", which would mean "unknown, not checked".
/// </summary>
internal readonly struct SnapshotObject
{
    private readonly ElementsByName elements;
    private readonly KnownNames names;

    private SnapshotObject(ElementsByName elements, KnownNames names, JsonLocation path)
    {
        this.elements = elements;
        this.names = names;
        Path = path;
    }

    /// <summary>Where the object is.</summary>
    public JsonLocation Path { get; }

    /// <summary>Reads <paramref name="element"/> as an object whose property names are all in <paramref name="names"/>.</summary>
    public static SnapshotObject Read(JsonElement element, JsonLocation path, KnownNames names)
    {
        SnapshotJson.ExpectObject(element, path);
        var found = default(ElementsByName);
        if (names.TryCollect(element, ref found, out var property, out var known))
        {
            return new SnapshotObject(found, names, path);
        }

        if (known >= 0)
        {
            throw SnapshotJson.Error(path.Property(names.Names[known]), "duplicate property");
        }

        var name = SnapshotJson.Name(property, path);
        var hint = names.SameIgnoringCase(name);
        var expected = hint is null ? $"expected {SnapshotJson.OneOf(names.Names)}" : $"did you mean \"{hint}\"?";
        throw SnapshotJson.Error(path.Property(name), $"unknown property {SafeText.Quote(name)} ({expected})");
    }

    /// <summary>The property at <paramref name="index"/> of the names, and its path; false when absent.</summary>
    public bool TryGet(int index, out JsonElement value, out JsonLocation path)
    {
        path = Path.Property(names.Names[index]);
        return elements.TryGetValue(index, out value);
    }

    /// <summary>The property at <paramref name="index"/>, which must be present.</summary>
    public JsonElement Required(int index, out JsonLocation path) =>
        TryGet(index, out var value, out path) ? value : throw SnapshotJson.Error(Path, $"missing required property \"{names.Names[index]}\"");
}
