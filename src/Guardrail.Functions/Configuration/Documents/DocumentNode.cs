namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The JSON data model both front ends (<see cref="JsonDocumentParser"/>, <see cref="YamlDocumentParser"/>) produce,
/// so that one validator (<see cref="ConfigDocumentValidator"/>) reads JSON and YAML alike. Objects keep their
/// properties in input order; a repeated key is reported by the front end and never reaches the tree.
/// </summary>
internal abstract record DocumentNode
{
    /// <summary>What the node is, for "expected a string, not …" messages.</summary>
    public abstract string Kind { get; }
}

internal sealed record ObjectNode(IReadOnlyList<KeyValuePair<string, DocumentNode>> Properties) : DocumentNode
{
    public override string Kind => "an object";
}

internal sealed record ArrayNode(IReadOnlyList<DocumentNode> Items) : DocumentNode
{
    public override string Kind => "a list";
}

internal sealed record StringNode(string Value) : DocumentNode
{
    public override string Kind => $"the string {Core.Text.SafeText.Quote(Value)}";
}

/// <summary>A number as written; <paramref name="Integer"/> when it is a whole number that fits 64 bits.</summary>
internal sealed record NumberNode(string Text, long? Integer) : DocumentNode
{
    public override string Kind => $"the number {Core.Text.SafeText.Echo(Text)}";
}

internal sealed record BooleanNode(bool Value) : DocumentNode
{
    public override string Kind => Value ? "true" : "false";
}

internal sealed record NullNode : DocumentNode
{
    public static NullNode Instance { get; } = new();

    public override string Kind => "null";
}
