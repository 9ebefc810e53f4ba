using System.Text.Json;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Reads a policy into a <see cref="PolicyDocument"/> straight from a <see cref="Utf8JsonReader"/>, in one pass and
/// with no document object model. Each object's elements are read as they come (<see cref="ElementValues"/> keeps
/// a value's problem until its turn), and problems are reported in the order a reader of the whole tree would find
/// them: unknown or repeated elements first, then each element in a fixed order. Paths and messages are built only
/// when an element is rejected (<see cref="ElementPath"/>).
/// </summary>
internal sealed class PolicyReader(PolicyKind kind, Utf8StringPool pool)
{
    private static readonly KnownNames TopLevelElements = new(Enum.GetNames<TopLevel>());

    // In the order statements usually list them, so the common names are found first.
    private static readonly KnownNames StatementElementNames = new(Enum.GetNames<Element>());

    // Indexed in the order of PrincipalTypes.All.
    private static readonly KnownNames PrincipalTypeNames = new([.. PrincipalTypes.All]);

    private static readonly object Allow = Effect.Allow;
    private static readonly object Deny = Effect.Deny;

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

    private readonly ConditionReader conditions = new(pool);

    // Scratch lists reused for every statement; each statement keeps an exact-size array.
    private readonly List<string> strings = [];
    private readonly List<PrincipalEntry> principalEntries = [];

    /// <summary>Reads the document whose first token <paramref name="reader"/> is on; leaves it on the last.</summary>
    public PolicyDocument ReadDocument(ref Utf8JsonReader reader, string text)
    {
        var path = ElementPath.Document;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, $"expected a JSON object, got {JsonTokens.Describe(ref reader)}");
        }

        var elements = new ElementValues();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var element = Known(ref reader, path, TopLevelElements, "policy element", ref elements);
            reader.Read();
            var depth = reader.CurrentDepth;
            try
            {
                elements.Set(element, (TopLevel)element switch
                {
                    TopLevel.Version => ReadVersion(ref reader, path.Child("Version")),
                    TopLevel.Id => JsonValues.String(ref reader, path.Child("Id"), pool),
                    _ => ReadStatements(ref reader, path.Child("Statement")),
                });
            }
            catch (PolicyParseException problem)
            {
                JsonTokens.SkipRest(ref reader, depth);
                elements.Set(element, problem);
            }
        }

        var version = elements.Has((int)TopLevel.Version) ? elements.Get<string>((int)TopLevel.Version) : null;
        var id = elements.Has((int)TopLevel.Id) ? elements.Get<string>((int)TopLevel.Id) : null;
        if (!elements.Has((int)TopLevel.Statement))
        {
            throw Error(path, "missing required element \"Statement\"");
        }

        return new PolicyDocument(version, id, elements.Get<List<Statement>>((int)TopLevel.Statement), text);
    }

    private string ReadVersion(ref Utf8JsonReader reader, in ElementPath path)
    {
        var version = JsonValues.String(ref reader, path, pool);
        return version is PolicyDocument.CurrentVersion or "2008-10-17"
            ? version
            : throw Error(path, $"expected \"2012-10-17\" or \"2008-10-17\", got {SafeText.Quote(version)}");
    }

    private List<Statement> ReadStatements(ref Utf8JsonReader reader, in ElementPath path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return [ReadStatement(ref reader, 0, path)];
            case JsonTokenType.StartArray:
                var statements = new List<Statement>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    statements.Add(ReadStatement(ref reader, statements.Count, ElementPath.StatementAt(statements.Count)));
                }

                return statements.Count > 0 ? statements : throw Error(path, "must contain at least one statement");
            default:
                throw Error(path, $"expected an object or an array of objects, got {JsonTokens.Describe(ref reader)}");
        }
    }

    private Statement ReadStatement(ref Utf8JsonReader reader, int index, in ElementPath path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, $"expected a statement object, got {JsonTokens.Describe(ref reader)}");
        }

        var elements = new ElementValues();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var element = Known(ref reader, path, StatementElementNames, "statement element", ref elements);
            reader.Read();
            var depth = reader.CurrentDepth;
            try
            {
                elements.Set(element, ReadElement(ref reader, (Element)element, path.Child(StatementElementNames.NameAt(element))));
            }
            catch (PolicyParseException problem)
            {
                JsonTokens.SkipRest(ref reader, depth);
                elements.Set(element, problem);
            }
        }

        var sid = elements.Has((int)Element.Sid) ? elements.Get<string>((int)Element.Sid) : null;
        if (!elements.Has((int)Element.Effect))
        {
            throw Error(path, "missing required element \"Effect\"");
        }

        var effect = elements.Get<Effect>((int)Element.Effect);
        var principal = Principal(in elements, path, effect);
        var action = Actions(in elements, path);
        var resource = Resources(in elements, path);
        var conditionClauses = elements.Has((int)Element.Condition) ? elements.Get<ConditionClause[]>((int)Element.Condition) : [];
        return new Statement(index, sid, effect, principal, action, resource, conditionClauses);
    }

    // One element's value, read as it comes; its problems are reported in the statement's order (ReadStatement).
    private object ReadElement(ref Utf8JsonReader reader, Element element, in ElementPath path) => element switch
    {
        Element.Sid => JsonValues.String(ref reader, path, pool),
        Element.Effect => ReadEffect(ref reader, path),
        Element.Principal or Element.NotPrincipal => ReadPrincipalSpec(ref reader, path),
        Element.Action or Element.NotAction => ReadActionPatterns(ref reader, path),
        Element.Resource or Element.NotResource => ReadResourcePatterns(ref reader, path),
        _ => conditions.Read(ref reader, path),
    };

    private object ReadEffect(ref Utf8JsonReader reader, in ElementPath path) =>
        reader.TokenType == JsonTokenType.String && JsonTokens.Is(ref reader, "Allow"u8) ? Allow
        : reader.TokenType == JsonTokenType.String && JsonTokens.Is(ref reader, "Deny"u8) ? Deny
        : throw Error(path, $"expected \"Allow\" or \"Deny\", got {SafeText.Quote(JsonValues.String(ref reader, path, pool))}");

    private PrincipalBlock? Principal(in ElementValues elements, in ElementPath path, Effect effect)
    {
        var present = Either(in elements, path, Element.Principal, Element.NotPrincipal, out var negated, out var which);
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

        return new PrincipalBlock(negated, elements.Get<PrincipalSpec>(which));
    }

    private PrincipalSpec ReadPrincipalSpec(ref Utf8JsonReader reader, in ElementPath path)
    {
        const string Expected = "expected \"*\" or an object such as {\"AWS\": ...}";
        if (reader.TokenType == JsonTokenType.String)
        {
            return JsonTokens.Is(ref reader, "*"u8)
                ? PrincipalSpec.Everyone
                : throw Error(path, $"{Expected}, got {SafeText.Quote(JsonValues.String(ref reader, path, pool))}");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(path, $"{Expected}, got {JsonTokens.Describe(ref reader)}");
        }

        var types = new ElementValues();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var type = Known(ref reader, path, PrincipalTypeNames, "principal type", ref types);
            reader.Read();
            var depth = reader.CurrentDepth;
            try
            {
                types.Set(type, JsonValues.StringList(ref reader, path.Child(PrincipalTypeNames.NameAt(type)), strings, pool));
            }
            catch (PolicyParseException problem)
            {
                JsonTokens.SkipRest(ref reader, depth);
                types.Set(type, problem);
            }
        }

        if (types.Count == 0)
        {
            throw Error(path, "names no principal");
        }

        principalEntries.Clear();
        for (var i = 0; i < PrincipalTypeNames.Names.Count; i++)
        {
            if (types.Has(i))
            {
                var type = PrincipalTypeNames.NameAt(i);
                foreach (var value in types.Get<string[]>(i))
                {
                    principalEntries.Add(new PrincipalEntry(type, value));
                }
            }
        }

        return new PrincipalSpec(false, [.. principalEntries]);
    }

    private static ActionBlock Actions(in ElementValues elements, in ElementPath path) =>
        Either(in elements, path, Element.Action, Element.NotAction, out var negated, out var which)
            ? new ActionBlock(negated, elements.Get<string[]>(which))
            : throw Error(path, "missing required element \"Action\" (or \"NotAction\")");

    private string[] ReadActionPatterns(ref Utf8JsonReader reader, in ElementPath path)
    {
        var patterns = JsonValues.StringList(ref reader, path, strings, pool);
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && pattern.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                throw Error(path, $"{SafeText.Quote(pattern)} is not an action (expected service:Action, e.g. \"s3:GetObject\", or \"*\")");
            }
        }

        return patterns;
    }

    private ResourceBlock? Resources(in ElementValues elements, in ElementPath path)
    {
        var present = Either(in elements, path, Element.Resource, Element.NotResource, out var negated, out var which);
        if (kind == PolicyKind.Trust)
        {
            return present ? throw Error(path, "a trust policy statement cannot have \"Resource\" (IAM rejects it)") : null;
        }

        return present
            ? new ResourceBlock(negated, elements.Get<string[]>(which))
            : throw Error(path, "missing required element \"Resource\" (or \"NotResource\")");
    }

    private string[] ReadResourcePatterns(ref Utf8JsonReader reader, in ElementPath path)
    {
        var patterns = JsonValues.StringList(ref reader, path, strings, pool);
        foreach (var pattern in patterns)
        {
            if (pattern != "*" && !pattern.StartsWith("arn:", StringComparison.Ordinal))
            {
                throw Error(path, $"{SafeText.Quote(pattern)} is not an ARN (expected \"arn:...\" or \"*\")");
            }
        }

        return patterns;
    }

    // Principal/NotPrincipal, Action/NotAction, Resource/NotResource: at most one of the pair; which one.
    private static bool Either(in ElementValues elements, in ElementPath path, Element positive, Element negative, out bool negated, out int which)
    {
        var hasPositive = elements.Has((int)positive);
        negated = elements.Has((int)negative);
        if (hasPositive && negated)
        {
            throw Error(path, $"cannot have both \"{StatementElementNames.Names[(int)positive]}\" and \"{StatementElementNames.Names[(int)negative]}\"");
        }

        which = (int)(negated ? negative : positive);
        return hasPositive || negated;
    }

    // The index of the property name the reader is on; an unknown or repeated name is refused at once, since a reader
    // of the whole object would find it before reading any value.
    private int Known(ref Utf8JsonReader reader, in ElementPath path, KnownNames allowed, string what, ref ElementValues found)
    {
        var known = allowed.Find(ref reader);
        if (known >= 0 && found.TryMark(known))
        {
            return known;
        }

        if (known >= 0)
        {
            var duplicate = allowed.Names[known];
            throw Error(path.Child(duplicate), $"duplicate {what} \"{duplicate}\"");
        }

        var name = JsonValues.Name(ref reader, path, pool);
        var hint = allowed.SameIgnoringCase(name);
        var suffix = hint is null ? string.Empty : $" (did you mean \"{hint}\"?)";
        throw Error(path.Child(name), $"unknown {what} {SafeText.Quote(name)}{suffix}");
    }

    private static PolicyParseException Error(in ElementPath path, string detail) => new(path.ToString(), detail);
}
