using System.Text;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// Reads a JSON template with <see cref="Utf8JsonReader"/> into a <see cref="TemplateNode"/> tree whose lines come
/// from each token's byte offset. Strict JSON (no comments, no trailing commas); a repeated key, nesting deeper than
/// <see cref="TemplateLimits.MaxDepth"/> and more than <see cref="TemplateLimits.MaxNodes"/> values are refused.
/// </summary>
internal ref struct JsonTemplateParser
{
    private readonly int[] lineStarts;
    private readonly int firstLine;
    private Utf8JsonReader reader;
    private int nodes;

    private JsonTemplateParser(byte[] utf8, int firstLine)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        lineStarts = [.. starts];
        this.firstLine = firstLine;
        reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = TemplateLimits.MaxDepth + 2 });
    }

    /// <summary>Reads <paramref name="text"/>; lines are counted from <paramref name="firstLine"/> (a policy given as a JSON string starts where its value does).</summary>
    public static TemplateNode Parse(string text, int firstLine = 1, string path = "")
    {
        var parser = new JsonTemplateParser(Encoding.UTF8.GetBytes(text), firstLine);
        try
        {
            if (!parser.reader.Read())
            {
                throw TemplateErrors.At(firstLine, Shown(path), "the JSON text is empty");
            }

            var root = parser.Value(path, 0);
            if (parser.reader.Read())
            {
                throw TemplateErrors.At(parser.Line(), Shown(path), "more than one JSON value");
            }

            return root;
        }
        catch (JsonException e)
        {
            throw TemplateErrors.At(firstLine + (int)(e.LineNumber ?? 0), Shown(path), $"not valid JSON: {SafeText.Echo(e.Message)}");
        }
    }

    private TemplateNode Value(string path, int depth)
    {
        var line = Line();
        if (++nodes > TemplateLimits.MaxNodes)
        {
            throw TemplateErrors.At(line, Shown(path), $"the template has more than {TemplateLimits.MaxNodes:N0} values");
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ScalarNode(line, reader.GetString()!, ScalarKind.String);
            case JsonTokenType.Number:
                return new ScalarNode(line, Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number);
            case JsonTokenType.True:
                return new ScalarNode(line, "true", ScalarKind.Boolean);
            case JsonTokenType.False:
                return new ScalarNode(line, "false", ScalarKind.Boolean);
            case JsonTokenType.Null:
                return new ScalarNode(line, string.Empty, ScalarKind.Null);
            case JsonTokenType.StartObject or JsonTokenType.StartArray when depth >= TemplateLimits.MaxDepth:
                throw TemplateErrors.At(line, Shown(path), $"nested deeper than {TemplateLimits.MaxDepth} levels");
            case JsonTokenType.StartObject:
                return Object(path, depth + 1, line);
            case JsonTokenType.StartArray:
                return Array(path, depth + 1, line);
            default:
                throw TemplateErrors.At(line, Shown(path), "not a JSON value");
        }
    }

    private MapNode Object(string path, int depth, int line)
    {
        var entries = new List<MapEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Next() != JsonTokenType.EndObject)
        {
            var keyLine = Line();
            var key = reader.GetString()!;
            if (!seen.Add(key))
            {
                throw TemplateErrors.At(keyLine, Shown(path), $"the key {SafeText.Quote(key)} is given more than once");
            }

            Next();
            entries.Add(new MapEntry(key, keyLine, Value(TemplateErrors.Property(path, key), depth)));
        }

        return new MapNode(line, entries);
    }

    private ListNode Array(string path, int depth, int line)
    {
        var items = new List<TemplateNode>();
        while (Next() != JsonTokenType.EndArray)
        {
            items.Add(Value(TemplateErrors.Index(path, items.Count), depth));
        }

        return new ListNode(line, items);
    }

    private JsonTokenType Next() => reader.Read() ? reader.TokenType : throw new JsonException("the JSON text ends early");

    private int Line()
    {
        var at = System.Array.BinarySearch(lineStarts, (int)Math.Min(reader.TokenStartIndex, int.MaxValue));
        return firstLine + (at >= 0 ? at : ~at - 1);
    }

    private static string Shown(string path) => path.Length == 0 ? "(template)" : path;
}
