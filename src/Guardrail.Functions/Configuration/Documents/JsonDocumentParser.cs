using System.Text;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Reads JSON text into a <see cref="DocumentNode"/> tree with <see cref="Utf8JsonReader"/>: strict JSON (no comments,
/// no trailing commas), at most <see cref="DocumentLimits.MaxDepth"/> deep, a repeated key reported at its path.
/// </summary>
internal static class JsonDocumentParser
{
    /// <summary>The tree, or null with the problems that stopped the read (syntax, depth); repeated keys are added to <paramref name="problems"/> and the first value kept.</summary>
    public static DocumentNode? Parse(string text, ProblemList problems)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = DocumentLimits.MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                problems.Add("$", "the document is empty");
                return null;
            }

            var root = ReadValue(ref reader, "$", 0, problems);
            if (root is not null && reader.Read())
            {
                problems.Add("$", "there is more text after the document's closing bracket");
                return null;
            }

            return root;
        }
        catch (JsonException e)
        {
            problems.Add("$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
            return null;
        }
    }

    private static DocumentNode? ReadValue(ref Utf8JsonReader reader, string path, int depth, ProblemList problems)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, path, depth + 1, problems);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader, path, depth + 1, problems);
            case JsonTokenType.String:
                return new StringNode(reader.GetString()!);
            case JsonTokenType.Number:
                var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
                return new NumberNode(raw, reader.TryGetInt64(out var integer) ? integer : null);
            case JsonTokenType.True:
                return new BooleanNode(true);
            case JsonTokenType.False:
                return new BooleanNode(false);
            default:
                return NullNode.Instance;
        }
    }

    private static ObjectNode? ReadObject(ref Utf8JsonReader reader, string path, int depth, ProblemList problems)
    {
        if (depth > DocumentLimits.MaxDepth)
        {
            problems.Add(path, $"nested deeper than {DocumentLimits.MaxDepth} levels");
            return null;
        }

        var properties = new List<KeyValuePair<string, DocumentNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var value = ReadValue(ref reader, DocumentPath.Property(path, key), depth, problems);
            if (value is null)
            {
                return null;
            }

            if (!seen.Add(key))
            {
                problems.Add(path, $"the key {SafeText.Quote(key)} is given more than once");
                continue;
            }

            properties.Add(new(key, value));
        }

        return new ObjectNode(properties);
    }

    private static ArrayNode? ReadArray(ref Utf8JsonReader reader, string path, int depth, ProblemList problems)
    {
        if (depth > DocumentLimits.MaxDepth)
        {
            problems.Add(path, $"nested deeper than {DocumentLimits.MaxDepth} levels");
            return null;
        }

        var items = new List<DocumentNode>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = ReadValue(ref reader, DocumentPath.Index(path, items.Count), depth, problems);
            if (item is null)
            {
                return null;
            }

            items.Add(item);
        }

        return new ArrayNode(items);
    }

    // The reader's first sentence says what is wrong; the rest is advice on reader options and the position (said already).
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return SafeText.Line(cut > 0 ? message[..(cut + 1)] : message);
    }
}
