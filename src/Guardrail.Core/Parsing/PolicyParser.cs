using System.Text.Json;
using Guardrail.Core.Conditions;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Parses IAM policy JSON into an immutable <see cref="PolicyDocument"/>, accepting every form AWS accepts
/// (single statement or array, strings or arrays, typed condition values) and rejecting everything else
/// with a message that names the element.
/// </summary>
public static class PolicyParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    private static readonly HashSet<string> TopLevelElements = ["Version", "Id", "Statement"];

    private static readonly HashSet<string> PrincipalTypeNames = [.. PrincipalTypes.All];

    private static readonly HashSet<string> StatementElements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    /// <summary>Parses <paramref name="text"/> as a policy of the given kind.</summary>
    /// <exception cref="PolicyParseException">The text is not valid JSON or not a valid policy of that kind.</exception>
    public static PolicyDocument Parse(string text, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PolicyParseException(string.Empty, "the policy document is empty");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new PolicyParseException(string.Empty, $"invalid JSON at line {line}, column {column}: {FirstSentence(e.Message)}");
        }

        using (json)
        {
            return ParseDocument(json.RootElement, text, kind);
        }
    }

    private static PolicyDocument ParseDocument(JsonElement root, string text, PolicyKind kind)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(string.Empty, $"expected a JSON object, got {Describe(root)}");
        }

        var elements = ReadObject(root, string.Empty, TopLevelElements, "policy element");
        string? version = null;
        if (elements.TryGetValue("Version", out var versionElement))
        {
            version = ReadString(versionElement, "Version");
            if (version is not (PolicyDocument.CurrentVersion or "2008-10-17"))
            {
                throw new PolicyParseException("Version", $"expected \"2012-10-17\" or \"2008-10-17\", got \"{version}\"");
            }
        }

        string? id = elements.TryGetValue("Id", out var idElement) ? ReadString(idElement, "Id") : null;
        if (!elements.TryGetValue("Statement", out var statementElement))
        {
            throw new PolicyParseException(string.Empty, "missing required element \"Statement\"");
        }

        var statements = new List<Statement>();
        switch (statementElement.ValueKind)
        {
            case JsonValueKind.Object:
                statements.Add(ParseStatement(statementElement, 0, "Statement", kind));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in statementElement.EnumerateArray())
                {
                    statements.Add(ParseStatement(item, index, $"Statement[{index}]", kind));
                    index++;
                }

                if (index == 0)
                {
                    throw new PolicyParseException("Statement", "must contain at least one statement");
                }

                break;
            default:
                throw new PolicyParseException("Statement", $"expected an object or an array of objects, got {Describe(statementElement)}");
        }

        return new PolicyDocument(version, id, statements, text);
    }

    private static Statement ParseStatement(JsonElement element, int index, string path, PolicyKind kind)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(path, $"expected a statement object, got {Describe(element)}");
        }

        var elements = ReadObject(element, path, StatementElements, "statement element");
        string? sid = elements.TryGetValue("Sid", out var sidElement) ? ReadString(sidElement, $"{path}.Sid") : null;

        if (!elements.TryGetValue("Effect", out var effectElement))
        {
            throw new PolicyParseException(path, "missing required element \"Effect\"");
        }

        var effectText = ReadString(effectElement, $"{path}.Effect");
        var effect = effectText switch
        {
            "Allow" => Effect.Allow,
            "Deny" => Effect.Deny,
            _ => throw new PolicyParseException($"{path}.Effect", $"expected \"Allow\" or \"Deny\", got \"{effectText}\""),
        };

        var principal = ParsePrincipal(elements, path, effect, kind);
        var action = ParseActions(elements, path);
        var resource = ParseResources(elements, path, kind);
        var conditions = elements.TryGetValue("Condition", out var conditionElement)
            ? ParseConditions(conditionElement, $"{path}.Condition")
            : [];

        return new Statement(index, sid, effect, principal, action, resource, conditions);
    }

    private static PrincipalBlock? ParsePrincipal(Dictionary<string, JsonElement> elements, string path, Effect effect, PolicyKind kind)
    {
        var hasPrincipal = elements.TryGetValue("Principal", out var principal);
        var hasNotPrincipal = elements.TryGetValue("NotPrincipal", out var notPrincipal);
        if (hasPrincipal && hasNotPrincipal)
        {
            throw new PolicyParseException(path, "cannot have both \"Principal\" and \"NotPrincipal\"");
        }

        if (kind == PolicyKind.Identity)
        {
            if (hasPrincipal || hasNotPrincipal)
            {
                throw new PolicyParseException(path, "an identity policy statement cannot name a Principal");
            }

            return null;
        }

        if (!hasPrincipal && !hasNotPrincipal)
        {
            var what = kind == PolicyKind.Bucket ? "a bucket policy" : "a trust policy";
            throw new PolicyParseException(path, $"missing required element \"Principal\" (every statement of {what} names who it applies to)");
        }

        if (hasNotPrincipal && effect == Effect.Allow)
        {
            throw new PolicyParseException($"{path}.NotPrincipal", "NotPrincipal can only be used with \"Effect\": \"Deny\"");
        }

        var elementName = hasPrincipal ? "Principal" : "NotPrincipal";
        var spec = ParsePrincipalSpec(hasPrincipal ? principal : notPrincipal, $"{path}.{elementName}");
        return new PrincipalBlock(hasNotPrincipal, spec);
    }

    private static PrincipalSpec ParsePrincipalSpec(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString();
            return text == "*"
                ? PrincipalSpec.Everyone
                : throw new PolicyParseException(path, $"expected \"*\" or an object such as {{\"AWS\": ...}}, got \"{text}\"");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(path, $"expected \"*\" or an object such as {{\"AWS\": ...}}, got {Describe(element)}");
        }

        var types = ReadObject(element, path, PrincipalTypeNames, "principal type");
        if (types.Count == 0)
        {
            throw new PolicyParseException(path, "names no principal");
        }

        var entries = new List<PrincipalEntry>();
        foreach (var type in PrincipalTypes.All)
        {
            if (types.TryGetValue(type, out var values))
            {
                foreach (var value in ReadStringList(values, $"{path}.{type}"))
                {
                    entries.Add(new PrincipalEntry(type, value));
                }
            }
        }

        return new PrincipalSpec(false, entries);
    }

    private static ActionBlock ParseActions(Dictionary<string, JsonElement> elements, string path)
    {
        var hasAction = elements.TryGetValue("Action", out var action);
        var hasNotAction = elements.TryGetValue("NotAction", out var notAction);
        if (hasAction && hasNotAction)
        {
            throw new PolicyParseException(path, "cannot have both \"Action\" and \"NotAction\"");
        }

        if (!hasAction && !hasNotAction)
        {
            throw new PolicyParseException(path, "missing required element \"Action\" (or \"NotAction\")");
        }

        var name = hasAction ? "Action" : "NotAction";
        var patterns = ReadStringList(hasAction ? action : notAction, $"{path}.{name}");
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && pattern.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                throw new PolicyParseException($"{path}.{name}", $"\"{pattern}\" is not an action (expected service:Action, e.g. \"s3:GetObject\", or \"*\")");
            }
        }

        return new ActionBlock(!hasAction, patterns);
    }

    private static ResourceBlock? ParseResources(Dictionary<string, JsonElement> elements, string path, PolicyKind kind)
    {
        var hasResource = elements.TryGetValue("Resource", out var resource);
        var hasNotResource = elements.TryGetValue("NotResource", out var notResource);
        if (hasResource && hasNotResource)
        {
            throw new PolicyParseException(path, "cannot have both \"Resource\" and \"NotResource\"");
        }

        if (kind == PolicyKind.Trust)
        {
            if (hasResource || hasNotResource)
            {
                throw new PolicyParseException(path, "a trust policy statement cannot have \"Resource\" (IAM rejects it)");
            }

            return null;
        }

        if (!hasResource && !hasNotResource)
        {
            throw new PolicyParseException(path, "missing required element \"Resource\" (or \"NotResource\")");
        }

        var name = hasResource ? "Resource" : "NotResource";
        var patterns = ReadStringList(hasResource ? resource : notResource, $"{path}.{name}");
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && !pattern.StartsWith("arn:", StringComparison.Ordinal))
            {
                throw new PolicyParseException($"{path}.{name}", $"\"{pattern}\" is not an ARN (expected \"arn:...\" or \"*\")");
            }
        }

        return new ResourceBlock(!hasResource, patterns);
    }

    private static List<ConditionClause> ParseConditions(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyParseException(path, $"expected an object of condition operators, got {Describe(element)}");
        }

        var clauses = new List<ConditionClause>();
        var operators = ReadObject(element, path, null, "condition operator");
        foreach (var (name, keys) in operators)
        {
            var operatorPath = $"{path}.{name}";
            if (!ConditionOperatorParser.TryParse(name, out var op, out var error))
            {
                throw new PolicyParseException(operatorPath, error);
            }

            if (keys.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyParseException(operatorPath, $"expected an object of condition keys, got {Describe(keys)}");
            }

            var keyElements = ReadObject(keys, operatorPath, null, "condition key");
            if (keyElements.Count == 0)
            {
                throw new PolicyParseException(operatorPath, "names no condition key");
            }

            foreach (var (key, valueElement) in keyElements)
            {
                var keyPath = $"{operatorPath}.{key}";
                if (string.IsNullOrWhiteSpace(key))
                {
                    throw new PolicyParseException(operatorPath, "a condition key is empty");
                }

                var values = ReadConditionValues(valueElement, keyPath);
                foreach (var value in values)
                {
                    ValidateConditionValue(op!, value, keyPath);
                }

                clauses.Add(new ConditionClause(op!, key, values));
            }
        }

        return clauses;
    }

    private static List<string> ReadConditionValues(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var values = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                values.Add(ReadScalar(item, path));
            }

            if (values.Count == 0)
            {
                throw new PolicyParseException(path, "needs at least one value");
            }

            return values;
        }

        return [ReadScalar(element, path)];
    }

    private static string ReadScalar(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => throw new PolicyParseException(path, $"expected a string, number or boolean, got {Describe(element)}"),
    };

    private static void ValidateConditionValue(ConditionOperator op, string value, string path)
    {
        // Values built from policy variables are only known at evaluation time.
        if (value.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        var valid = op.Family switch
        {
            OperatorFamily.Numeric => ConditionValues.TryParseNumber(value, out _),
            OperatorFamily.Date => ConditionValues.TryParseDate(value, out _),
            OperatorFamily.Bool or OperatorFamily.Null => ConditionValues.TryParseBool(value, out _),
            OperatorFamily.Binary => ConditionValues.IsBase64(value),
            OperatorFamily.IpAddress => IpRange.TryParse(value, out _),
            _ => true,
        };

        if (!valid)
        {
            var expected = op.Family switch
            {
                OperatorFamily.Numeric => "a number",
                OperatorFamily.Date => "an ISO 8601 date or epoch seconds",
                OperatorFamily.Bool or OperatorFamily.Null => "\"true\" or \"false\"",
                OperatorFamily.Binary => "base64 text",
                _ => "an IPv4 or IPv6 address or CIDR block",
            };
            throw new PolicyParseException(path, $"{op.Name} expects {expected}, got \"{value}\"");
        }
    }

    private static Dictionary<string, JsonElement> ReadObject(JsonElement element, string path, HashSet<string>? allowed, string what)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var childPath = string.IsNullOrEmpty(path) ? property.Name : $"{path}.{property.Name}";
            if (allowed is not null && !allowed.Contains(property.Name))
            {
                var hint = allowed.FirstOrDefault(a => a.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                var suffix = hint is null ? string.Empty : $" (did you mean \"{hint}\"?)";
                throw new PolicyParseException(string.IsNullOrEmpty(path) ? property.Name : childPath, $"unknown {what} \"{property.Name}\"{suffix}");
            }

            // Duplicate names are legal JSON but ambiguous policy: which one does AWS keep? Refuse to guess.
            if (!seen.Add(property.Name))
            {
                throw new PolicyParseException(childPath, $"duplicate {what} \"{property.Name}\"");
            }

            result[property.Name] = property.Value;
        }

        return result;
    }

    private static string ReadString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new PolicyParseException(path, $"expected a string, got {Describe(element)}");

    private static List<string> ReadStringList(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [NonEmpty(element.GetString()!, path)];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyParseException(path, $"expected a string or an array of strings, got {Describe(element)}");
        }

        var values = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new PolicyParseException($"{path}[{index}]", $"expected a string, got {Describe(item)}");
            }

            values.Add(NonEmpty(item.GetString()!, $"{path}[{index}]"));
            index++;
        }

        return values.Count > 0 ? values : throw new PolicyParseException(path, "must not be an empty array");
    }

    private static string NonEmpty(string value, string path) =>
        value.Length > 0 ? value : throw new PolicyParseException(path, "must not be an empty string");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends advice about reader options and "LineNumber: ..." which repeat or mislead.
        foreach (var marker in new[] { " Change the reader options", " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }
}
