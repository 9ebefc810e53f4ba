using System.Text.Json;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Reads one parsed JSON document into a <see cref="PolicyDocument"/>. Paths and messages are built only when an
/// element is rejected (<see cref="ElementPath"/>), so a valid policy costs little more than its own strings.
/// </summary>
internal sealed class PolicyReader(PolicyKind kind)
{
    private static readonly KnownNames TopLevelElements = new(Enum.GetNames<TopLevel>());

    // In the order statements usually list them, so the common names are found first.
    private static readonly KnownNames StatementElementNames = new(Enum.GetNames<Element>());

    // Indexed in the order of PrincipalTypes.All.
    private static readonly KnownNames PrincipalTypeNames = new([.. PrincipalTypes.All]);

    private enum TopLevel
    {
        Version,
        Statement,
        Id,
    }

    private enum Element
    {
        Sid,
        Effect,
        Principal,
        Action,
        Resource,
        Condition,
        NotPrincipal,
        NotAction,
        NotResource,
    }

    private readonly DistinctNames operatorNames = new();
    private readonly DistinctNames keyNames = new();

    // Scratch lists reused for every statement; each statement keeps an exact-size array.
    private readonly List<ConditionClause> clauses = [];
    private readonly List<PrincipalEntry> principalEntries = [];

    public PolicyDocument ReadDocument(JsonElement root, string text)
    {
        var path = ElementPath.Document;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected a JSON object, got {JsonText.Describe(root)}");
        }

        var elements = new ElementsByName();
        ReadKnownElements(root, path, TopLevelElements, "policy element", ref elements);
        string? version = null;
        if (elements.TryGetValue((int)TopLevel.Version, out var versionElement))
        {
            version = ReadString(versionElement, path.Child("Version"));
            if (version is not (PolicyDocument.CurrentVersion or "2008-10-17"))
            {
                throw Error(path.Child("Version"), $"expected \"2012-10-17\" or \"2008-10-17\", got {SafeText.Quote(version)}");
            }
        }

        string? id = elements.TryGetValue((int)TopLevel.Id, out var idElement) ? ReadString(idElement, path.Child("Id")) : null;
        if (!elements.TryGetValue((int)TopLevel.Statement, out var statementElement))
        {
            throw Error(path, "missing required element \"Statement\"");
        }

        var statementPath = path.Child("Statement");
        List<Statement> statements;
        switch (statementElement.ValueKind)
        {
            case JsonValueKind.Object:
                statements = [ReadStatement(statementElement, 0, statementPath)];
                break;
            case JsonValueKind.Array:
                statements = new List<Statement>(statementElement.GetArrayLength());
                var index = 0;
                foreach (var item in statementElement.EnumerateArray())
                {
                    statements.Add(ReadStatement(item, index, ElementPath.StatementAt(index)));
                    index++;
                }

                if (index == 0)
                {
                    throw Error(statementPath, "must contain at least one statement");
                }

                break;
            default:
                throw Error(statementPath, $"expected an object or an array of objects, got {JsonText.Describe(statementElement)}");
        }

        return new PolicyDocument(version, id, statements, text);
    }

    private Statement ReadStatement(JsonElement element, int index, ElementPath path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected a statement object, got {JsonText.Describe(element)}");
        }

        var elements = new ElementsByName();
        ReadKnownElements(element, path, StatementElementNames, "statement element", ref elements);
        string? sid = elements.TryGetValue((int)Element.Sid, out var sidElement) ? ReadString(sidElement, path.Child("Sid")) : null;

        if (!elements.TryGetValue((int)Element.Effect, out var effectElement))
        {
            throw Error(path, "missing required element \"Effect\"");
        }

        var effect = effectElement.ValueKind == JsonValueKind.String && JsonText.Is(effectElement, "Allow") ? Effect.Allow
            : effectElement.ValueKind == JsonValueKind.String && JsonText.Is(effectElement, "Deny") ? Effect.Deny
            : throw Error(path.Child("Effect"), $"expected \"Allow\" or \"Deny\", got {SafeText.Quote(ReadString(effectElement, path.Child("Effect")))}");

        var principal = ReadPrincipal(in elements, path, effect);
        var action = ReadActions(in elements, path);
        var resource = ReadResources(in elements, path);
        IReadOnlyList<ConditionClause> conditions = elements.TryGetValue((int)Element.Condition, out var conditionElement)
            ? ReadConditions(conditionElement, path.Child("Condition"))
            : [];

        return new Statement(index, sid, effect, principal, action, resource, conditions);
    }

    private PrincipalBlock? ReadPrincipal(in ElementsByName elements, ElementPath path, Effect effect)
    {
        var present = TryGetEither(in elements, path, Element.Principal, Element.NotPrincipal, out var negated, out var principal);
        if (kind == PolicyKind.Identity)
        {
            return present ? throw Error(path, "an identity policy statement cannot name a Principal") : null;
        }

        if (!present)
        {
            var what = kind == PolicyKind.Bucket ? "a bucket policy" : "a trust policy";
            throw Error(path, $"missing required element \"Principal\" (every statement of {what} names who it applies to)");
        }

        if (negated && effect == Effect.Allow)
        {
            throw Error(path.Child("NotPrincipal"), "NotPrincipal can only be used with \"Effect\": \"Deny\"");
        }

        return new PrincipalBlock(negated, ReadPrincipalSpec(principal, path.Child(negated ? "NotPrincipal" : "Principal")));
    }

    private PrincipalSpec ReadPrincipalSpec(JsonElement element, ElementPath path)
    {
        const string Expected = "expected \"*\" or an object such as {\"AWS\": ...}";
        if (element.ValueKind == JsonValueKind.String)
        {
            return JsonText.Is(element, "*")
                ? PrincipalSpec.Everyone
                : throw Error(path, $"{Expected}, got {SafeText.Quote(ReadString(element, path))}");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"{Expected}, got {JsonText.Describe(element)}");
        }

        var types = new ElementsByName();
        ReadKnownElements(element, path, PrincipalTypeNames, "principal type", ref types);
        if (types.Count == 0)
        {
            throw Error(path, "names no principal");
        }

        principalEntries.Clear();
        for (var i = 0; i < PrincipalTypes.All.Count; i++)
        {
            var type = PrincipalTypes.All[i];
            if (types.TryGetValue(i, out var values))
            {
                foreach (var value in ReadStringList(values, path.Child(type)))
                {
                    principalEntries.Add(new PrincipalEntry(type, value));
                }
            }
        }

        return new PrincipalSpec(false, [.. principalEntries]);
    }

    private static ActionBlock ReadActions(in ElementsByName elements, ElementPath path)
    {
        if (!TryGetEither(in elements, path, Element.Action, Element.NotAction, out var negated, out var action))
        {
            throw Error(path, "missing required element \"Action\" (or \"NotAction\")");
        }

        var listPath = path.Child(negated ? "NotAction" : "Action");
        var patterns = ReadStringList(action, listPath);
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && pattern.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                throw Error(listPath, $"{SafeText.Quote(pattern)} is not an action (expected service:Action, e.g. \"s3:GetObject\", or \"*\")");
            }
        }

        return new ActionBlock(negated, patterns);
    }

    private ResourceBlock? ReadResources(in ElementsByName elements, ElementPath path)
    {
        var present = TryGetEither(in elements, path, Element.Resource, Element.NotResource, out var negated, out var resource);
        if (kind == PolicyKind.Trust)
        {
            return present ? throw Error(path, "a trust policy statement cannot have \"Resource\" (IAM rejects it)") : null;
        }

        if (!present)
        {
            throw Error(path, "missing required element \"Resource\" (or \"NotResource\")");
        }

        var listPath = path.Child(negated ? "NotResource" : "Resource");
        var patterns = ReadStringList(resource, listPath);
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && !pattern.StartsWith("arn:", StringComparison.Ordinal))
            {
                throw Error(listPath, $"{SafeText.Quote(pattern)} is not an ARN (expected \"arn:...\" or \"*\")");
            }
        }

        return new ResourceBlock(negated, patterns);
    }

    // Principal/NotPrincipal, Action/NotAction, Resource/NotResource: at most one of the pair; which one, and its value.
    private static bool TryGetEither(in ElementsByName elements, ElementPath path, Element positive, Element negative, out bool negated, out JsonElement value)
    {
        var hasPositive = elements.TryGetValue((int)positive, out var positiveValue);
        negated = elements.TryGetValue((int)negative, out var negativeValue);
        if (hasPositive && negated)
        {
            throw Error(path, $"cannot have both \"{StatementElementNames.Names[(int)positive]}\" and \"{StatementElementNames.Names[(int)negative]}\"");
        }

        value = negated ? negativeValue : positiveValue;
        return hasPositive || negated;
    }

    private ConditionClause[] ReadConditions(JsonElement element, ElementPath path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected an object of condition operators, got {JsonText.Describe(element)}");
        }

        clauses.Clear();
        operatorNames.Clear();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            var name = ReadName(operatorProperty, path);
            var operatorPath = path.Child(name);
            if (!operatorNames.Add(name))
            {
                throw Error(operatorPath, $"duplicate condition operator {SafeText.Quote(name)}");
            }

            if (!ConditionOperatorParser.TryParse(name, out var op, out var error))
            {
                throw Error(operatorPath, error);
            }

            var keys = operatorProperty.Value;
            if (keys.ValueKind != JsonValueKind.Object)
            {
                throw Error(operatorPath, $"expected an object of condition keys, got {JsonText.Describe(keys)}");
            }

            keyNames.Clear();
            var keyCount = 0;
            foreach (var keyProperty in keys.EnumerateObject())
            {
                var key = ReadName(keyProperty, operatorPath);
                var keyPath = operatorPath.Child(key);
                if (!keyNames.Add(key))
                {
                    throw Error(keyPath, $"duplicate condition key {SafeText.Quote(key)}");
                }

                if (string.IsNullOrWhiteSpace(key))
                {
                    throw Error(operatorPath, "a condition key is empty");
                }

                var values = ReadConditionValues(keyProperty.Value, keyPath);
                foreach (var value in values)
                {
                    ConditionValueCheck.Validate(op!, value, keyPath);
                }

                clauses.Add(new ConditionClause(op!, key, values));
                keyCount++;
            }

            if (keyCount == 0)
            {
                throw Error(operatorPath, "names no condition key");
            }
        }

        return [.. clauses];
    }

    private static string[] ReadConditionValues(JsonElement element, ElementPath path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return [ReadScalar(element, path)];
        }

        var values = new string[element.GetArrayLength()];
        var count = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[count++] = ReadScalar(item, path);
        }

        return count > 0 ? values : throw Error(path, "needs at least one value");
    }

    private static string ReadScalar(JsonElement element, ElementPath path) => element.ValueKind switch
    {
        JsonValueKind.String => ReadString(element, path),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => throw Error(path, $"expected a string, number or boolean, got {JsonText.Describe(element)}"),
    };

    private static void ReadKnownElements(JsonElement element, ElementPath path, KnownNames allowed, string what, ref ElementsByName found)
    {
        if (allowed.TryCollect(element, ref found, out var property, out var known))
        {
            return;
        }

        if (known >= 0)
        {
            var duplicate = allowed.Names[known];
            throw Error(path.Child(duplicate), $"duplicate {what} \"{duplicate}\"");
        }

        var name = ReadName(property, path);
        var hint = allowed.SameIgnoringCase(name);
        var suffix = hint is null ? string.Empty : $" (did you mean \"{hint}\"?)";
        throw Error(path.Child(name), $"unknown {what} {SafeText.Quote(name)}{suffix}");
    }

    private static string[] ReadStringList(JsonElement element, ElementPath path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var single = ReadString(element, path);
            return single.Length > 0 ? [single] : throw Error(path, "must not be an empty string");
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected a string or an array of strings, got {JsonText.Describe(element)}");
        }

        var values = new string[element.GetArrayLength()];
        var count = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = path.Item(count);
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Error(itemPath, $"expected a string, got {JsonText.Describe(item)}");
            }

            var value = ReadString(item, itemPath);
            values[count++] = value.Length > 0 ? value : throw Error(itemPath, "must not be an empty string");
        }

        return count > 0 ? values : throw Error(path, "must not be an empty array");
    }

    private static string ReadString(JsonElement element, ElementPath path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"expected a string, got {JsonText.Describe(element)}");
        }

        return JsonText.String(element) ?? throw Error(path, JsonText.UnpairedSurrogate);
    }

    private static string ReadName(JsonProperty property, ElementPath parent) =>
        JsonText.Name(property) ?? throw Error(parent, $"a property name {JsonText.UnpairedSurrogate}");

    private static PolicyParseException Error(ElementPath path, string detail) => new(path.ToString(), detail);
}
