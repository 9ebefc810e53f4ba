using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>Reads a template's text (JSON or YAML, within <see cref="TemplateLimits"/>) into its <see cref="Template"/> sections.</summary>
internal static class TemplateReader
{
    public static Template Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > TemplateLimits.MaxChars)
        {
            throw TemplateErrors.At(0, "(template)", $"the template has {text.Length:N0} characters; at most {TemplateLimits.MaxChars:N0} are read");
        }

        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var trimmed = text.AsSpan().TrimStart();
        var root = trimmed.Length > 0 && trimmed[0] == '{' ? JsonTemplateParser.Parse(text) : YamlTemplateParser.Parse(text);
        if (root is not MapNode map)
        {
            throw TemplateErrors.At(root, "(template)", "a template is a map of sections (Resources, Parameters...)");
        }

        var parameters = new Dictionary<string, MapNode>(StringComparer.Ordinal);
        foreach (var entry in Section(map, "Parameters")?.Entries ?? [])
        {
            parameters[entry.Key] = entry.Value as MapNode ?? throw TemplateErrors.At(entry.Value, $"Parameters.{entry.Key}", "a parameter is a map (Type, Default...)");
        }

        var resourcesNode = Section(map, "Resources") ?? throw TemplateErrors.At(map, "Resources", "the template has no Resources section");
        if (resourcesNode.Entries.Count > TemplateLimits.MaxResources)
        {
            throw TemplateErrors.At(resourcesNode, "Resources", $"the template has {resourcesNode.Entries.Count:N0} resources; CloudFormation takes at most {TemplateLimits.MaxResources}");
        }

        var resources = resourcesNode.Entries.Select(Resource).ToList();
        return new Template(
            parameters,
            Section(map, "Mappings") ?? new MapNode(0, []),
            Section(map, "Conditions") ?? new MapNode(0, []),
            resources,
            Transforms(map["Transform"]));
    }

    private static MapNode? Section(MapNode root, string name) => root[name] switch
    {
        null => null,
        MapNode m => m,
        var other => throw TemplateErrors.At(other, name, $"the {name} section is a map"),
    };

    private static TemplateResource Resource(MapEntry entry)
    {
        var path = TemplateErrors.Property("Resources", entry.Key);
        if (entry.Value is not MapNode body)
        {
            throw TemplateErrors.At(entry.Value, path, "a resource is a map (Type, Properties...)");
        }

        if (body["Type"] is not ScalarNode { Kind: ScalarKind.String } type || type.Value.Length is 0 or > 256)
        {
            throw TemplateErrors.At(body, path, "the resource has no Type (a text such as AWS::S3::Bucket)");
        }

        var properties = body["Properties"] switch
        {
            null or ScalarNode { Kind: ScalarKind.Null } => new MapNode(body.Line, []),
            MapNode m => m,
            var other => throw TemplateErrors.At(other, path + ".Properties", "Properties is a map"),
        };
        var condition = body["Condition"] switch
        {
            null => null,
            ScalarNode { Kind: ScalarKind.String } c => c.Value,
            var other => throw TemplateErrors.At(other, path + ".Condition", "a resource's Condition is the name of a condition"),
        };
        return new TemplateResource(entry.Key, type.Value, properties, condition, entry.Line);
    }

    private static IReadOnlyList<string> Transforms(TemplateNode? node) => node switch
    {
        null => [],
        ScalarNode s => [s.Value],
        ListNode l => [.. l.Items.Select(i => i is ScalarNode s ? s.Value : i is MapNode m && m["Name"] is ScalarNode n ? n.Value : "(macro)")],
        MapNode m when m["Name"] is ScalarNode n => [n.Value],
        _ => throw TemplateErrors.At(node, "Transform", $"not a transform name: {SafeText.Echo(node.GetType().Name)}"),
    };
}
