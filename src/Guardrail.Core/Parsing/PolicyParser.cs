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

    private static readonly KnownNames TopLevelElements = new("Version", "Statement", "Id");

    private static readonly KnownNames PrincipalTypeNames = new([.. PrincipalTypes.All]);

    // In the order statements usually list them, so the common names are found first.
    private static readonly KnownNames StatementElementNames =
        new("Sid", "Effect", "Principal", "Action", "Resource", "Condition", "NotPrincipal", "NotAction", "NotResource");

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

        var elements = new ElementsByName();
        ReadKnownElements(root, string.Empty, TopLevelElements, "policy element", ref elements);
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

        var elements = new ElementsByName();
        ReadKnownElements(element, path, StatementElementNames, "statement element", ref elements);
        string? sid = elements.TryGetValue("Sid", out var sidElement) ? ReadString(sidElement, path, "Sid") : null;

        if (!elements.TryGetValue("Effect", out var effectElement))
        {
            throw new PolicyParseException(path, "missing required element \"Effect\"");
        }

        var effectText = ReadString(effectElement, path, "Effect");
        var effect = effectText switch
        {
            "Allow" => Effect.Allow,
            "Deny" => Effect.Deny,
            _ => throw new PolicyParseException($"{path}.Effect", $"expected \"Allow\" or \"Deny\", got \"{effectText}\""),
        };

        var principal = ParsePrincipal(in elements, path, effect, kind);
        var action = ParseActions(in elements, path);
        var resource = ParseResources(in elements, path, kind);
        var conditions = elements.TryGetValue("Condition", out var conditionElement)
            ? ParseConditions(conditionElement, path + ".Condition")
            : [];

        return new Statement(index, sid, effect, principal, action, resource, conditions);
    }

    private static PrincipalBlock? ParsePrincipal(in ElementsByName elements, string path, Effect effect, PolicyKind kind)
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

        var types = new ElementsByName();
        ReadKnownElements(element, path, PrincipalTypeNames, "principal type", ref types);
        if (types.Count == 0)
        {
            throw new PolicyParseException(path, "names no principal");
        }

        var entries = new List<PrincipalEntry>();
        foreach (var type in PrincipalTypes.All)
        {
            if (types.TryGetValue(type, out var values))
            {
                foreach (var value in ReadStringList(values, path, type))
                {
                    entries.Add(new PrincipalEntry(type, value));
                }
            }
        }

        return new PrincipalSpec(false, entries);
    }

    private static ActionBlock ParseActions(in ElementsByName elements, string path)
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
        var patterns = ReadStringList(hasAction ? action : notAction, path, name);
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && pattern.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                throw new PolicyParseException($"{path}.{name}", $"\"{pattern}\" is not an action (expected service:Action, e.g. \"s3:GetObject\", or \"*\")");
            }
        }

        return new ActionBlock(!hasAction, patterns);
    }

    private static ResourceBlock? ParseResources(in ElementsByName elements, string path, PolicyKind kind)
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
        var patterns = ReadStringList(hasResource ? resource : notResource, path, name);
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
        var operatorNames = new List<string>();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var name = operatorProperty.Name;
            var keys = operatorProperty.Value;
            CheckUnique(operatorNames, name, path, null, "condition operator");
            if (!ConditionOperatorParser.TryParse(name, out var op, out var error))
            {
                throw new PolicyParseException($"{path}.{name}", error);
            }

            if (keys.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyParseException($"{path}.{name}", $"expected an object of condition keys, got {Describe(keys)}");
            }

            var keyNames = new List<string>();
            foreach (var keyProperty in keys.EnumerateObject())
            {
                var key = keyProperty.Name;
                CheckUnique(keyNames, key, path, name, "condition key");
                if (string.IsNullOrWhiteSpace(key))
                {
                    throw new PolicyParseException($"{path}.{name}", "a condition key is empty");
                }

                var values = ReadConditionValues(keyProperty.Value, path, name, key);
                foreach (var value in values)
                {
                    ValidateConditionValue(op!, value, path, name, key);
                }

                clauses.Add(new ConditionClause(op!, key, values));
            }

            if (keyNames.Count == 0)
            {
                throw new PolicyParseException($"{path}.{name}", "names no condition key");
            }
        }

        return clauses;
    }

    private static List<string> ReadConditionValues(JsonElement element, string conditionPath, string op, string key)
    {
        string Path() => $"{conditionPath}.{op}.{key}";
        if (element.ValueKind == JsonValueKind.Array)
        {
            var values = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                values.Add(ReadScalar(item, Path));
            }

            if (values.Count == 0)
            {
                throw new PolicyParseException(Path(), "needs at least one value");
            }

            return values;
        }

        return [ReadScalar(element, Path)];
    }

    private static string ReadScalar(JsonElement element, Func<string> path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => throw new PolicyParseException(path(), $"expected a string, number or boolean, got {Describe(element)}"),
    };

    private static void ValidateConditionValue(ConditionOperator op, string value, string conditionPath, string opName, string key)
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
            throw new PolicyParseException($"{conditionPath}.{opName}.{key}", $"{op.Name} expects {expected}, got \"{value}\"");
        }
    }

    private static void ReadKnownElements(JsonElement element, string path, KnownNames allowed, string what, ref ElementsByName found)
    {
        foreach (var property in element.EnumerateObject())
        {
            // Matching the UTF-8 name in place avoids a string per property; policies have thousands.
            var known = allowed.Find(property);
            var name = known ?? property.Name;
            string ChildPath() => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";
            if (known is null)
            {
                var hint = allowed.Names.FirstOrDefault(a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
                var suffix = hint is null ? string.Empty : $" (did you mean \"{hint}\"?)";
                throw new PolicyParseException(ChildPath(), $"unknown {what} \"{name}\"{suffix}");
            }

            // Duplicate names are legal JSON but ambiguous policy: which one does AWS keep? Refuse to guess.
            if (!found.TryAdd(name, property.Value))
            {
                throw new PolicyParseException(ChildPath(), $"duplicate {what} \"{name}\"");
            }
        }
    }

    private static void CheckUnique(List<string> seen, string name, string path, string? middle, string what)
    {
        if (seen.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new PolicyParseException(middle is null ? $"{path}.{name}" : $"{path}.{middle}.{name}", $"duplicate {what} \"{name}\"");
        }

        seen.Add(name);
    }

    private static string ReadString(JsonElement element, string path) => ReadString(element, path, null);

    private static string ReadString(JsonElement element, string path, string? name) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new PolicyParseException(name is null ? path : $"{path}.{name}", $"expected a string, got {Describe(element)}");

    private static List<string> ReadStringList(JsonElement element, string parentPath, string name)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var single = element.GetString()!;
            return single.Length > 0 ? [single] : throw new PolicyParseException($"{parentPath}.{name}", "must not be an empty string");
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyParseException($"{parentPath}.{name}", $"expected a string or an array of strings, got {Describe(element)}");
        }

        var values = new List<string>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new PolicyParseException($"{parentPath}.{name}[{index}]", $"expected a string, got {Describe(item)}");
            }

            var value = item.GetString()!;
            if (value.Length == 0)
            {
                throw new PolicyParseException($"{parentPath}.{name}[{index}]", "must not be an empty string");
            }

            values.Add(value);
            index++;
        }

        return values.Count > 0 ? values : throw new PolicyParseException($"{parentPath}.{name}", "must not be an empty array");
    }

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
