namespace Guardrail.Core.Evaluation;

/// <summary>
/// The request context keys of a request. Keys are case-insensitive, as in IAM. A key the context does not
/// mention is not assumed absent: it is unknowable, because the guardrail does not know what AWS sends for it.
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, ContextValue> values;
    private readonly IReadOnlyList<(string Prefix, ContextValue Value)> prefixes;
    private readonly RequestContext? parent;

    private static ContextValue DefaultFallback => ContextValue.Unknowable("AWS does not document what Redshift Spectrum's requests carry for this key");

    public RequestContext(
        IEnumerable<KeyValuePair<string, ContextValue>> values,
        IEnumerable<(string Prefix, ContextValue Value)>? prefixes = null,
        ContextValue? fallback = null)
    {
        this.values = new Dictionary<string, ContextValue>(values, StringComparer.OrdinalIgnoreCase);
        this.prefixes = [.. prefixes ?? []];
        Fallback = fallback ?? DefaultFallback;
    }

    /// <summary>
    /// A context that keeps <paramref name="values"/> itself instead of copying it: for a caller that has just built
    /// it with <see cref="StringComparer.OrdinalIgnoreCase"/> and lets go of it.
    /// </summary>
    internal RequestContext(Dictionary<string, ContextValue> values, List<(string Prefix, ContextValue Value)> prefixes)
    {
        this.values = values.Comparer == StringComparer.OrdinalIgnoreCase
            ? values
            : throw new ArgumentException("the keys must be compared ignoring case", nameof(values));
        this.prefixes = prefixes;
        Fallback = DefaultFallback;
    }

    /// <summary>What an unmentioned key is taken to be.</summary>
    public ContextValue Fallback { get; }

    private RequestContext(Dictionary<string, ContextValue> values, RequestContext parent)
    {
        this.values = values;
        this.parent = parent;
        prefixes = parent.prefixes;
        Fallback = parent.Fallback;
    }

    /// <summary>The value of <paramref name="key"/> (case-insensitive).</summary>
    public ContextValue Get(string key)
    {
        for (var context = this; context is not null; context = context.parent)
        {
            if (context.values.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        foreach (var (prefix, prefixValue) in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return prefixValue;
            }
        }

        return Fallback;
    }

    /// <summary>A context with some keys replaced or added; this one is shared, not copied.</summary>
    public RequestContext With(params (string Key, ContextValue Value)[] changes)
    {
        var overlay = new Dictionary<string, ContextValue>(changes.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            overlay[key] = value;
        }

        return new RequestContext(overlay, this);
    }
}
