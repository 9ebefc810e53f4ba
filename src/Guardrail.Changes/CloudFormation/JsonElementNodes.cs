using System.Text.Json;

namespace Guardrail.Changes.CloudFormation;

/// <summary>Already-resolved JSON (a hook request's properties) as a <see cref="TemplateNode"/> tree without lines, bounded like a template.</summary>
internal static class JsonElementNodes
{
    public static TemplateNode From(JsonElement element, int depth)
    {
        if (depth > TemplateLimits.MaxDepth)
        {
            throw TemplateErrors.At(0, "resourceProperties", $"nested deeper than {TemplateLimits.MaxDepth} levels");
        }

        return element.ValueKind switch
        {
            JsonValueKind.Object => new MapNode(0, [.. element.EnumerateObject().DistinctBy(p => p.Name, StringComparer.Ordinal).Select(p => new MapEntry(p.Name, 0, From(p.Value, depth + 1)))]),
            JsonValueKind.Array => new ListNode(0, [.. element.EnumerateArray().Select(e => From(e, depth + 1))]),
            JsonValueKind.String => new ScalarNode(0, element.GetString()!, ScalarKind.String),
            JsonValueKind.Number => new ScalarNode(0, element.GetRawText(), ScalarKind.Number),
            JsonValueKind.True => new ScalarNode(0, "true", ScalarKind.Boolean),
            JsonValueKind.False => new ScalarNode(0, "false", ScalarKind.Boolean),
            _ => new ScalarNode(0, string.Empty, ScalarKind.Null),
        };
    }
}
