namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// One value of a template, immutable, with the 1-based line it starts on (0 when not known, e.g. a hook request's
/// already-resolved properties). Intrinsic functions are single-key maps (<c>{"Fn::Sub": ...}</c>); YAML's short forms
/// are read into the same shape. After resolution an <see cref="UnknownNode"/> stands for a value the input does not
/// determine.
/// </summary>
internal abstract record TemplateNode(int Line);

/// <summary>What a scalar was written as.</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A string, number, boolean or null; <see cref="Value"/> is its text (<c>true</c>, <c>12</c>).</summary>
internal sealed record ScalarNode(int Line, string Value, ScalarKind Kind) : TemplateNode(Line);

/// <summary>A list.</summary>
internal sealed record ListNode(int Line, IReadOnlyList<TemplateNode> Items) : TemplateNode(Line);

/// <summary>One key of a map, with the line the key is on.</summary>
internal sealed record MapEntry(string Key, int Line, TemplateNode Value);

/// <summary>A map, its keys unique and in the input's order.</summary>
internal sealed record MapNode(int Line, IReadOnlyList<MapEntry> Entries) : TemplateNode(Line)
{
    public TemplateNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <summary>The intrinsic function this map is (<c>Ref</c>, <c>Fn::...</c>), when it is one.</summary>
    public string? Function => Entries.Count == 1 && (Entries[0].Key == "Ref" || Entries[0].Key.StartsWith("Fn::", StringComparison.Ordinal)) ? Entries[0].Key : null;
}

/// <summary>A value the input does not determine: where (the property path) and why.</summary>
internal sealed record UnknownNode(int Line, string Property, string Reason) : TemplateNode(Line);
