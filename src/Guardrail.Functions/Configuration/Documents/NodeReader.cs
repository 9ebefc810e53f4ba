using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Typed, strict reads from a <see cref="DocumentNode"/>: each read that fails adds one problem at the value's path
/// and returns null, so the validator reads on and reports every problem in one pass.
/// </summary>
internal sealed class NodeReader(ProblemList problems)
{
    public ProblemList Problems => problems;

    /// <summary>The object at <paramref name="path"/>, its properties checked against <paramref name="known"/> (each unknown one is a problem).</summary>
    public ObjectNode? Object(DocumentNode node, string path, params string[] known)
    {
        if (node is not ObjectNode o)
        {
            problems.Add(path, $"expected an object, not {node.Kind}");
            return null;
        }

        foreach (var (key, _) in o.Properties)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                problems.Add(path, $"unknown property {SafeText.Quote(key)} (expected {string.Join(", ", known)})");
            }
        }

        return o;
    }

    public static DocumentNode? Get(ObjectNode o, string key)
    {
        foreach (var (name, value) in o.Properties)
        {
            if (name == key)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Whether the property is there and not null: an explicit null reads as absent.</summary>
    public static bool Has(ObjectNode o, string key) => Get(o, key) is { } value && value is not NullNode;

    /// <summary>A required string, checked by <paramref name="problem"/> (which quotes the value when it refuses it).</summary>
    public string? Text(ObjectNode o, string key, string path, Func<string, string?> problem, string what)
    {
        var at = DocumentPath.Property(path, key);
        if (Get(o, key) is not { } node || node is NullNode)
        {
            problems.Add(at, $"missing: {what}");
            return null;
        }

        return Text(node, at, problem);
    }

    /// <summary>An optional string: null when absent (or null), else checked like a required one.</summary>
    public string? OptionalText(ObjectNode o, string key, string path, Func<string, string?> problem) =>
        Get(o, key) is { } node and not NullNode ? Text(node, DocumentPath.Property(path, key), problem) : null;

    public string? Text(DocumentNode node, string path, Func<string, string?> problem)
    {
        if (node is not StringNode s)
        {
            var hint = node is NumberNode ? " (in YAML, quote IDs and names that are digits: \"123456789012\")" : string.Empty;
            problems.Add(path, $"expected a string, not {node.Kind}{hint}");
            return null;
        }

        if (problem(s.Value) is { } why)
        {
            problems.Add(path, why);
            return null;
        }

        return s.Value;
    }

    /// <summary>A list of at most <paramref name="max"/> items, or null (a problem) when it is not a list or too long.</summary>
    public IReadOnlyList<DocumentNode>? List(DocumentNode node, string path, int max)
    {
        if (node is not ArrayNode array)
        {
            problems.Add(path, $"expected a list, not {node.Kind}");
            return null;
        }

        if (array.Items.Count > max)
        {
            problems.Add(path, $"has {array.Items.Count:N0} entries; at most {max:N0} are read");
            return null;
        }

        return array.Items;
    }

    /// <summary>A list of strings each checked by <paramref name="problem"/>; null when any is refused.</summary>
    public IReadOnlyList<string>? Texts(DocumentNode node, string path, int max, Func<string, string?> problem)
    {
        if (List(node, path, max) is not { } items)
        {
            return null;
        }

        var values = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (Text(items[i], DocumentPath.Index(path, i), problem) is { } value)
            {
                values.Add(value);
            }
        }

        return values.Count == items.Count ? values : null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Integer(DocumentNode node, string path, int min, int max)
    {
        if (node is not NumberNode { Integer: { } value })
        {
            var expected = min == max ? $"the number {min}" : $"a whole number from {min} to {max:N0}";
            problems.Add(path, $"expected {expected}, not {node.Kind}");
            return null;
        }

        if (value < min || value > max)
        {
            problems.Add(path, $"{value} is out of range (from {min} to {max:N0})");
            return null;
        }

        return (int)value;
    }
}
