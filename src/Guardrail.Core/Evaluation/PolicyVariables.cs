using System.Text;

namespace Guardrail.Core.Evaluation;

/// <summary>The outcome of substituting policy variables into a Resource or condition value.</summary>
/// <param name="Status">True: substituted; False: a variable's key is missing with no default, so the value matches nothing; Unknown: it depends on an unknowable key.</param>
/// <param name="Pattern">The substituted text as a pattern, with substituted characters marked literal.</param>
/// <param name="Why">For Unknown, why the key cannot be known.</param>
public readonly record struct Expansion(Tri Status, Glob Pattern, string? Why)
{
    /// <summary>The substituted text.</summary>
    public string Text => Pattern.Pattern;
}

/// <summary>
/// Substitutes <c>${key}</c>, <c>${key, 'default'}</c>, <c>${*}</c>, <c>${?}</c> and <c>${$}</c> as IAM does under
/// policy version 2012-10-17. Under 2008-10-17 or without a version the text is literal. Substituted text
/// never acts as a wildcard.
/// </summary>
public static class PolicyVariables
{
    /// <summary>Substitutes the variables of <paramref name="raw"/> from <paramref name="context"/>.</summary>
    public static Expansion Expand(string raw, RequestContext context, bool enabled)
    {
        if (!enabled || !raw.Contains("${", StringComparison.Ordinal))
        {
            return new Expansion(Tri.True, new Glob(raw), null);
        }

        var text = new StringBuilder(raw.Length);
        var literal = new List<bool>(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var open = raw.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : raw.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
            {
                Append(text, literal, raw[i..], isLiteral: false);
                break;
            }

            Append(text, literal, raw[i..open], isLiteral: false);
            var body = raw[(open + 2)..close];
            var resolved = Resolve(body, context);
            if (resolved.Status != Tri.True)
            {
                return new Expansion(resolved.Status, new Glob(raw), resolved.Why);
            }

            Append(text, literal, resolved.Value!, isLiteral: true);
            i = close + 1;
        }

        return new Expansion(Tri.True, new Glob(text.ToString(), [.. literal]), null);
    }

    private static (Tri Status, string? Value, string? Why) Resolve(string body, RequestContext context)
    {
        var trimmed = body.Trim();
        switch (trimmed)
        {
            case "*":
            case "?":
            case "$":
                return (Tri.True, trimmed, null);
        }

        string key = trimmed;
        string? fallback = null;
        var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            key = trimmed[..comma].Trim();
            var defaultText = trimmed[(comma + 1)..].Trim();
            if (defaultText.Length >= 2 && defaultText[0] == '\'' && defaultText[^1] == '\'')
            {
                fallback = defaultText[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }
            else
            {
                // A malformed default makes the substitution fail, which matches nothing.
                return (Tri.False, null, null);
            }
        }

        return ResolveKey(context.Get(key), fallback);
    }

    private static (Tri Status, string? Value, string? Why) ResolveKey(ContextValue value, string? fallback)
    {
        switch (value)
        {
            case KnownValue { Values.Count: 1 } known:
                return (Tri.True, known.Values[0], null);
            case KnownValue or AbsentValue:
                // Missing and multivalued keys cannot be substituted.
                return fallback is null ? (Tri.False, null, null) : (Tri.True, fallback, null);
            case OpaqueValue opaque:
                return (Tri.Unknown, null, opaque.Why);
            case ShapedValue shaped:
                return (Tri.Unknown, null, shaped.Why);
            case CandidateValues candidates:
                var results = candidates.Candidates.Select(c => ResolveKey(c, fallback)).ToList();
                return results.All(r => r == results[0]) ? results[0] : (Tri.Unknown, null, candidates.Why);
            default:
                return (Tri.Unknown, null, "unsupported context value");
        }
    }

    private static void Append(StringBuilder text, List<bool> literal, string part, bool isLiteral)
    {
        text.Append(part);
        for (var k = 0; k < part.Length; k++)
        {
            literal.Add(isLiteral);
        }
    }
}
