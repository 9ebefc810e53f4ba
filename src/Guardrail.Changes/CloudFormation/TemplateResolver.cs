using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// Resolves intrinsic functions in a template's values with what the context knows (parameters, account, Region,
/// physical ids). A value that cannot be known before deployment is an <see cref="UnknownNode"/> naming the property
/// and why, never a guess; <c>AWS::NoValue</c> resolves to null (the property is removed). Resolution is lazy (only
/// what a mapper reads), cached per resource name, and bounded in steps and in the length of what it makes.
/// </summary>
internal sealed partial class TemplateResolver
{
    private readonly Template template;
    private readonly ChangeContext context;
    private readonly Dictionary<string, (TemplateNode Name, bool Placeholder)> names = new(StringComparer.Ordinal);
    private readonly HashSet<string> naming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateNode> parameterValues = new(StringComparer.Ordinal);
    private int steps;

    public TemplateResolver(Template template, ChangeContext context)
    {
        this.template = template;
        this.context = context;
    }

    public ChangeContext Context => context;

    public Template Template => template;

    /// <summary>The property <paramref name="name"/> of <paramref name="resource"/>, resolved (null: absent or <c>AWS::NoValue</c>).</summary>
    public TemplateNode? Property(TemplateResource resource, string name) =>
        resource.Properties[name] is { } node ? Resolve(node, $"{resource.Path}.Properties.{name}") : null;

    /// <summary>Resolves <paramref name="node"/>, found at <paramref name="path"/>.</summary>
    public TemplateNode? Resolve(TemplateNode node, string path)
    {
        if (++steps > TemplateLimits.MaxResolveSteps)
        {
            throw TemplateErrors.At(node, path, $"resolving the template takes more than {TemplateLimits.MaxResolveSteps:N0} steps");
        }

        switch (node)
        {
            case ListNode list:
                var items = new List<TemplateNode>(list.Items.Count);
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (Resolve(list.Items[i], TemplateErrors.Index(path, i)) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return new ListNode(list.Line, items);
            case MapNode { Function: { } function } map:
                return Function(function, map.Entries[0].Value, map.Line, path);
            case MapNode map:
                var entries = new List<MapEntry>(map.Entries.Count);
                foreach (var entry in map.Entries)
                {
                    if (Resolve(entry.Value, TemplateErrors.Property(path, entry.Key)) is { } value)
                    {
                        entries.Add(entry with { Value = value });
                    }
                }

                return new MapNode(map.Line, entries);
            default:
                return node;
        }
    }

    /// <summary>Whether <paramref name="resource"/> is created: true without a condition; null when its condition is unknown.</summary>
    public bool? IsCreated(TemplateResource resource) =>
        resource.Condition is { } name ? Condition(name, resource.Line, $"{resource.Path}.Condition") : true;

    private TemplateNode? Function(string function, TemplateNode argument, int line, string path) => function switch
    {
        "Ref" => Ref(Literal(argument, function, path), line, path),
        "Fn::Sub" => Sub(argument, line, path),
        "Fn::Join" => Join(argument, line, path),
        "Fn::GetAtt" => GetAtt(argument, line, path),
        "Fn::If" => If(argument, line, path),
        "Fn::Select" => Select(argument, line, path),
        "Fn::Split" => Split(argument, line, path),
        "Fn::FindInMap" => FindInMap(argument, line, path),
        "Fn::Base64" => Base64(argument, line, path),
        "Fn::ImportValue" => new UnknownNode(line, path, "Fn::ImportValue: another stack's export, which the template does not show"),
        "Fn::GetAZs" => new UnknownNode(line, path, "Fn::GetAZs: the Region's Availability Zones are known at deployment"),
        "Fn::Cidr" => new UnknownNode(line, path, "Fn::Cidr is not evaluated"),
        "Fn::Transform" => new UnknownNode(line, path, "Fn::Transform: a macro's output is known only after it runs"),
        "Fn::Length" or "Fn::ToJsonString" => new UnknownNode(line, path, $"{function} (AWS::LanguageExtensions) is not evaluated"),
        "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" => throw TemplateErrors.At(line, path, $"{function} is a condition function: it belongs in Conditions or Fn::If"),
        _ => new UnknownNode(line, path, $"{SafeText.Echo(function)} is not a function the guardrail evaluates"),
    };

    private string Literal(TemplateNode argument, string function, string path) =>
        argument is ScalarNode { Kind: ScalarKind.String } s && s.Value.Length > 0
            ? s.Value
            : throw TemplateErrors.At(argument, path, $"{function} takes a name");

    private TemplateNode? Ref(string name, int line, string path)
    {
        if (name.StartsWith("AWS::", StringComparison.Ordinal))
        {
            return Pseudo(name, line, path);
        }

        if (template.Parameters.TryGetValue(name, out var parameter))
        {
            // Resolved once and shared (nodes are immutable): a list parameter named a thousand times is one list.
            if (!parameterValues.TryGetValue(name, out var value))
            {
                value = Parameter(name, parameter, line, path);
                parameterValues[name] = value;
            }

            return value is UnknownNode u ? u with { Line = line, Property = path } : value;
        }

        if (template.Resource(name) is { } resource)
        {
            return Name(resource, line, path) is var (value, _) ? value : null;
        }

        return Generated(name, line, path) ?? throw TemplateErrors.At(line, path, $"Ref to {SafeText.Quote(name)}: no parameter or resource of that name");
    }

    private TemplateNode? Pseudo(string name, int line, string path)
    {
        string? value = name switch
        {
            "AWS::NoValue" => null,
            "AWS::AccountId" => context.Account,
            "AWS::Region" => context.Region,
            "AWS::Partition" => context.Partition,
            "AWS::URLSuffix" => context.Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
            "AWS::StackName" or "AWS::StackId" => context.Parameters.GetValueOrDefault(name),
            "AWS::NotificationARNs" => null,
            _ => throw TemplateErrors.At(line, path, $"Ref to {SafeText.Quote(name)}: not a pseudo parameter"),
        };
        return name switch
        {
            "AWS::NoValue" => null,
            _ when value is not null => new ScalarNode(line, value, ScalarKind.String),
            "AWS::AccountId" => new UnknownNode(line, path, "AWS::AccountId: the account is not given (--account)"),
            "AWS::Region" => new UnknownNode(line, path, "AWS::Region: the Region is not given (--region)"),
            _ => new UnknownNode(line, path, $"{name} is known only at deployment"),
        };
    }

    private TemplateNode Parameter(string name, MapNode parameter, int line, string path)
    {
        var type = (parameter["Type"] as ScalarNode)?.Value ?? "String";
        if (type.StartsWith("AWS::SSM::Parameter::Value", StringComparison.Ordinal))
        {
            return new UnknownNode(line, path, $"parameter {name} is read from Systems Manager at deployment");
        }

        string? value = context.Parameters.TryGetValue(name, out var given) ? given : parameter["Default"] switch
        {
            ScalarNode { Kind: not ScalarKind.Null } d => d.Value,
            ListNode l when l.Items.All(i => i is ScalarNode) => string.Join(',', l.Items.Cast<ScalarNode>().Select(i => i.Value)),
            _ => null,
        };
        if (value is null)
        {
            return new UnknownNode(line, path, $"parameter {name} has no value (--parameters) and no Default");
        }

        if (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal))
        {
            var parts = value.Split(',');
            return parts.Length > TemplateLimits.MaxListItems
                ? throw TemplateErrors.At(line, path, $"parameter {name} has more than {TemplateLimits.MaxListItems:N0} items")
                : new ListNode(line, [.. parts.Select(p => new ScalarNode(line, p, ScalarKind.String))]);
        }

        return new ScalarNode(line, value, ScalarKind.String);
    }

    /// <summary>What <c>Ref</c> of <paramref name="resource"/> returns, and whether it is a placeholder; null when the resource is not created.</summary>
    public (TemplateNode Value, bool Placeholder)? Name(TemplateResource resource, int line, string path)
    {
        var identity = ResourceIdentity.For(resource.Type);
        var (name, placeholder) = BareName(resource, line, path);
        if (name is ScalarNode s && identity.RefIsArn)
        {
            return (Arn(resource, s.Value, placeholder, line, path), placeholder);
        }

        return name is null ? null : (name, placeholder);
    }

    /// <summary>The resource's name: its physical id, its name property, or a placeholder; an unknown when it cannot be known.</summary>
    public (TemplateNode? Name, bool Placeholder) BareName(TemplateResource resource, int line, string path)
    {
        if (IsCreated(resource) is not true)
        {
            return (new UnknownNode(line, path, $"resource {resource.LogicalId} is created only under condition {resource.Condition}, which is {(IsCreated(resource) is false ? "false" : "not known")}"), false);
        }

        if (context.PhysicalIds.TryGetValue(resource.LogicalId, out var physical))
        {
            return (new ScalarNode(line, physical, ScalarKind.String), false);
        }

        if (names.TryGetValue(resource.LogicalId, out var cached))
        {
            // The name is shared; an unknown one is told where this reference is.
            return cached.Name is UnknownNode u ? (u with { Line = line, Property = path }, cached.Placeholder) : cached;
        }

        if (!naming.Add(resource.LogicalId) || naming.Count > TemplateLimits.MaxReferenceDepth)
        {
            throw TemplateErrors.At(line, path, $"the name of {SafeText.Quote(resource.LogicalId)} refers back to itself, or through more than {TemplateLimits.MaxReferenceDepth} resources");
        }

        try
        {
            var identity = ResourceIdentity.For(resource.Type);
            var property = identity.NameProperty is { } p ? Property(resource, p) : null;
            TemplateNode name = property switch
            {
                null => new ScalarNode(line, resource.LogicalId + ResourceIdentity.PlaceholderSuffix, ScalarKind.String),
                ScalarNode { Kind: not ScalarKind.Null } s => new ScalarNode(line, s.Value, ScalarKind.String),
                UnknownNode u => new UnknownNode(line, path, $"the name of {resource.LogicalId} is not known: {u.Reason} ({u.Property})"),
                _ => throw TemplateErrors.At(property, $"{resource.Path}.Properties.{identity.NameProperty}", "a name is a text"),
            };
            names[resource.LogicalId] = (name, property is null);
            return (name, property is null);
        }
        finally
        {
            naming.Remove(resource.LogicalId);
        }
    }

    public TemplateNode Arn(TemplateResource resource, string name, bool placeholder, int line, string path)
    {
        var identity = ResourceIdentity.For(resource.Type);
        if (identity.Arn is null)
        {
            return new UnknownNode(line, path, $"the ARN of {resource.LogicalId} ({resource.Type}) is known only after deployment");
        }

        var iamPath = "/";
        if (resource.Properties["Path"] is { } p)
        {
            switch (Resolve(p, $"{resource.Path}.Properties.Path"))
            {
                case ScalarNode s:
                    iamPath = s.Value;
                    break;
                case UnknownNode u:
                    return new UnknownNode(line, path, $"the path of {resource.LogicalId} is not known: {u.Reason}");
            }
        }

        return identity.Arn(new ArnParts(name, iamPath, context.Partition, context.Account, context.Region, placeholder)) is { } arn
            ? new ScalarNode(line, arn, ScalarKind.String)
            : new UnknownNode(line, path, $"the ARN of {resource.LogicalId} needs the {(context.Account is null ? "account (--account)" : "Region (--region)")}");
    }

    private TemplateNode? GetAtt(TemplateNode argument, int line, string path)
    {
        var parts = argument switch
        {
            ScalarNode { Kind: ScalarKind.String } s when s.Value.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot => [s, new ScalarNode(s.Line, s.Value[(dot + 1)..], ScalarKind.String)],
            ListNode { Items.Count: 2 } l => l.Items,
            _ => throw TemplateErrors.At(argument, path, "Fn::GetAtt takes [LogicalId, Attribute]"),
        };
        var id = parts[0] is ScalarNode { Kind: ScalarKind.String } i ? i.Value.Split('.')[0] : throw TemplateErrors.At(parts[0], path, "Fn::GetAtt takes a logical id");
        var attributeNode = Resolve(parts[1], path);
        if (attributeNode is UnknownNode unknownAttribute)
        {
            return unknownAttribute;
        }

        var attribute = attributeNode is ScalarNode a ? a.Value : throw TemplateErrors.At(parts[1], path, "Fn::GetAtt takes an attribute name");
        if (template.Resource(id) is not { } resource)
        {
            return Generated(id, line, path) ?? throw TemplateErrors.At(line, path, $"Fn::GetAtt of {SafeText.Quote(id)}: no resource of that name");
        }

        var identity = ResourceIdentity.For(resource.Type);
        if (!identity.ArnAttributes.Contains(attribute, StringComparer.Ordinal))
        {
            return resource.Type == "AWS::KMS::Key" && attribute == "KeyId" ? Ref(id, line, path) : new UnknownNode(line, path, $"{resource.LogicalId}.{SafeText.Echo(attribute)} ({resource.Type}) is known only after deployment");
        }

        var (name, placeholder) = BareName(resource, line, path);
        return name switch
        {
            ScalarNode s => Arn(resource, s.Value, placeholder, line, path),
            UnknownNode u => u,
            _ => new UnknownNode(line, path, $"{resource.LogicalId} is not created"),
        };
    }

    // Before the SAM transform, a name the template does not define may be one SAM makes (LoaderRole for Loader).
    private UnknownNode? Generated(string name, int line, string path) =>
        template.Transforms.Contains(Template.ServerlessTransform, StringComparer.Ordinal)
            ? new UnknownNode(line, path, $"{SafeText.Echo(name)} is not in the template: the SAM transform may make it")
            : null;

    private TemplateNode? If(TemplateNode argument, int line, string path)
    {
        if (argument is not ListNode { Items: [ScalarNode { Kind: ScalarKind.String } condition, var whenTrue, var whenFalse] })
        {
            throw TemplateErrors.At(argument, path, "Fn::If takes [Condition, ValueIfTrue, ValueIfFalse]");
        }

        return Condition(condition.Value, line, path) switch
        {
            true => Resolve(whenTrue, path),
            false => Resolve(whenFalse, path),
            null => new UnknownNode(line, path, $"condition {condition.Value} is not known"),
        };
    }

    private TemplateNode? Select(TemplateNode argument, int line, string path)
    {
        if (argument is not ListNode { Items: [var indexNode, var listNode] })
        {
            throw TemplateErrors.At(argument, path, "Fn::Select takes [Index, List]");
        }

        var index = Resolve(indexNode, path);
        var list = Argument(listNode, path);
        if (index is UnknownNode || list is UnknownNode)
        {
            return index as UnknownNode ?? list;
        }

        if (index is not ScalarNode s || !int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            throw TemplateErrors.At(indexNode, path, "Fn::Select's index is a whole number");
        }

        if (list is not ListNode items)
        {
            throw TemplateErrors.At(listNode, path, "Fn::Select picks from a list");
        }

        return i < items.Items.Count ? items.Items[i] : throw TemplateErrors.At(line, path, $"Fn::Select index {i} is past the list's {items.Items.Count} items");
    }

    private TemplateNode Split(TemplateNode argument, int line, string path)
    {
        if (argument is not ListNode { Items: [var delimiterNode, var sourceNode] })
        {
            throw TemplateErrors.At(argument, path, "Fn::Split takes [Delimiter, Text]");
        }

        var delimiter = Resolve(delimiterNode, path);
        var source = Resolve(sourceNode, path);
        if (delimiter is UnknownNode || source is UnknownNode)
        {
            return (delimiter as UnknownNode ?? source)!;
        }

        if (delimiter is not ScalarNode { Value.Length: > 0 } d || source is not ScalarNode s)
        {
            throw TemplateErrors.At(argument, path, "Fn::Split takes a delimiter and a text");
        }

        var parts = s.Value.Split(d.Value);
        return parts.Length > TemplateLimits.MaxListItems
            ? throw TemplateErrors.At(line, path, $"Fn::Split makes more than {TemplateLimits.MaxListItems:N0} items")
            : new ListNode(line, [.. parts.Select(p => new ScalarNode(line, p, ScalarKind.String))]);
    }

    private TemplateNode Join(TemplateNode argument, int line, string path)
    {
        if (argument is not ListNode { Items: [var delimiterNode, var listNode] })
        {
            throw TemplateErrors.At(argument, path, "Fn::Join takes [Delimiter, [Values]]");
        }

        var delimiter = Resolve(delimiterNode, path);
        var list = Argument(listNode, path);
        if (delimiter is UnknownNode || list is UnknownNode)
        {
            return (delimiter as UnknownNode ?? list)!;
        }

        if (delimiter is not ScalarNode d || list is not ListNode items)
        {
            throw TemplateErrors.At(argument, path, "Fn::Join takes a delimiter and a list");
        }

        if (items.Items.OfType<UnknownNode>().FirstOrDefault() is { } unknown)
        {
            return unknown;
        }

        var texts = items.Items.Select(i => i is ScalarNode s ? s.Value : throw TemplateErrors.At(i, path, "Fn::Join joins texts")).ToList();
        return Text(string.Join(d.Value, texts), line, path);
    }

    private TemplateNode FindInMap(TemplateNode argument, int line, string path)
    {
        if (argument is not ListNode { Items.Count: 3 or 4 } list)
        {
            throw TemplateErrors.At(argument, path, "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]");
        }

        var keys = new List<string>(3);
        foreach (var item in list.Items.Take(3))
        {
            switch (Resolve(item, path))
            {
                case ScalarNode s:
                    keys.Add(s.Value);
                    break;
                case UnknownNode u:
                    return u;
                default:
                    throw TemplateErrors.At(item, path, "Fn::FindInMap's keys are texts");
            }
        }

        var found = (template.Mappings[keys[0]] as MapNode)?[keys[1]] is MapNode second ? second[keys[2]] : null;
        if (found is null)
        {
            return list.Items.Count == 4 && list.Items[3] is MapNode { Entries: [{ Key: "DefaultValue" } fallback] }
                ? Resolve(fallback.Value, path) ?? new ScalarNode(line, string.Empty, ScalarKind.Null)
                : throw TemplateErrors.At(line, path, $"Fn::FindInMap: Mappings has no {SafeText.Echo(string.Join(".", keys))}");
        }

        return Resolve(found, path) ?? new ScalarNode(line, string.Empty, ScalarKind.Null);
    }

    private TemplateNode Base64(TemplateNode argument, int line, string path) => Resolve(argument, path) switch
    {
        ScalarNode s => Text(Convert.ToBase64String(Encoding.UTF8.GetBytes(s.Value)), line, path),
        UnknownNode u => u,
        _ => throw TemplateErrors.At(argument, path, "Fn::Base64 takes a text"),
    };

    // A function's literal list argument: its items are not properties, so an unknown among them names the function's property.
    private TemplateNode? Argument(TemplateNode node, string path)
    {
        if (node is not ListNode list)
        {
            return Resolve(node, path);
        }

        var items = new List<TemplateNode>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (Resolve(item, path) is { } value)
            {
                items.Add(value);
            }
        }

        return new ListNode(list.Line, items);
    }

    private static ScalarNode Text(string value, int line, string path) =>
        value.Length > TemplateLimits.MaxStringLength
            ? throw TemplateErrors.At(line, path, $"a function makes a text longer than {TemplateLimits.MaxStringLength:N0} characters")
            : new ScalarNode(line, value, ScalarKind.String);
}
