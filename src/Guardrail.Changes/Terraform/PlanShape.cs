using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Changes.Terraform;

/// <summary>Shape checks of the plan's own structure, each failing with one line naming the element.</summary>
internal static class PlanShape
{
    /// <summary>The error of the element at <paramref name="path"/> (empty: the whole plan).</summary>
    public static ChangeInputException Error(string path, string problem) => new(SafeText.Line(path.Length == 0 ? $"plan: {problem}" : $"plan: {path}: {problem}"));

    public static ChangeInputException Expected(string path, string expected, JsonElement found) =>
        Error(path, $"expected {expected}, found {PlanValue.Kind(found)}");

    /// <summary>A property that must be a string.</summary>
    public static string RequiredString(JsonElement parent, string parentPath, string name)
    {
        var path = parentPath + "." + name;
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error(path, "missing");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected(path, "a string", value);
    }

    /// <summary>A property that may be absent or null, else a string.</summary>
    public static string? OptionalString(JsonElement parent, string parentPath, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Expected(parentPath + "." + name, "a string", value);

    /// <summary>A property that may be absent or null (undefined is returned), else an object.</summary>
    public static JsonElement OptionalObject(JsonElement parent, string parentPath, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? default
        : value.ValueKind == JsonValueKind.Object ? value
        : throw Expected(parentPath + "." + name, "an object", value);
}
