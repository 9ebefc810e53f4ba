using System.Globalization;
using Guardrail.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Reads YAML text into the same <see cref="DocumentNode"/> tree as JSON, from YamlDotNet's parser events (no object
/// mapping, no reflection). What YAML does implicitly is made explicit or refused:
/// <list type="bullet">
/// <item>a plain scalar is <c>true</c>/<c>false</c> only when spelled so (YAML 1.2): <c>yes</c>, <c>no</c>, <c>on</c>,
/// <c>off</c> stay strings, which the validator then refuses where a boolean is meant;</item>
/// <item>a plain scalar is a number only when it is a decimal integer without a leading zero: <c>012345678901</c>
/// stays the string it looks like (no octal), and so do <c>0x1f</c>, <c>1e3</c>, <c>1_000</c> and <c>.inf</c>;</item>
/// <item><c>null</c>, <c>~</c> and an empty plain value are null; a quoted, literal or folded scalar is always a string;</item>
/// <item>anchors, aliases and tags are refused (no alias expansion, so no "billion laughs"), and so are keys that are
/// not scalars, a repeated key, a second document, and nesting deeper than <see cref="DocumentLimits.MaxDepth"/>.</item>
/// </list>
/// </summary>
internal static class YamlDocumentParser
{
    public static DocumentNode? Parse(string text, ProblemList problems)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                problems.Add("$", "the document is empty");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadValue(parser, "$", 0, problems);
            if (root is null)
            {
                return null;
            }

            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                problems.Add("$", "the text holds more than one YAML document");
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            problems.Add("$", $"not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {SafeText.Line(Unlocated(e.Message))}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The parser's own guards (an unexpected event, a malformed escape): still bad input, not a crash.
            problems.Add("$", $"not valid YAML: {SafeText.Line(e.Message)}");
            return null;
        }
    }

    private static DocumentNode? ReadValue(IParser parser, string path, int depth, ProblemList problems)
    {
        var next = parser.Current;
        if (next is AnchorAlias)
        {
            problems.Add(path, "YAML aliases (*name) are not read; write the value out");
            return null;
        }

        if (next is NodeEvent node && Refused(node, path, problems))
        {
            return null;
        }

        switch (next)
        {
            case Scalar scalar:
                parser.MoveNext();
                return Typed(scalar);
            case MappingStart:
                return depth >= DocumentLimits.MaxDepth ? TooDeep(path, problems) : ReadMapping(parser, path, depth + 1, problems);
            case SequenceStart:
                return depth >= DocumentLimits.MaxDepth ? TooDeep(path, problems) : ReadSequence(parser, path, depth + 1, problems);
            default:
                problems.Add(path, "not a YAML value");
                return null;
        }
    }

    private static ObjectNode? ReadMapping(IParser parser, string path, int depth, ProblemList problems)
    {
        parser.Consume<MappingStart>();
        var properties = new List<KeyValuePair<string, DocumentNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (parser.Current is not Scalar key)
            {
                problems.Add(path, "a key is not a plain text value (complex keys, aliases and anchors are not read)");
                return null;
            }

            if (Refused(key, path, problems))
            {
                return null;
            }

            parser.MoveNext();
            var value = ReadValue(parser, DocumentPath.Property(path, key.Value), depth, problems);
            if (value is null)
            {
                return null;
            }

            if (!seen.Add(key.Value))
            {
                problems.Add(path, $"the key {SafeText.Quote(key.Value)} is given more than once");
                continue;
            }

            properties.Add(new(key.Value, value));
        }

        return new ObjectNode(properties);
    }

    private static ArrayNode? ReadSequence(IParser parser, string path, int depth, ProblemList problems)
    {
        parser.Consume<SequenceStart>();
        var items = new List<DocumentNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadValue(parser, DocumentPath.Index(path, items.Count), depth, problems);
            if (item is null)
            {
                return null;
            }

            items.Add(item);
        }

        return new ArrayNode(items);
    }

    private static bool Refused(NodeEvent node, string path, ProblemList problems)
    {
        if (!node.Anchor.IsEmpty)
        {
            problems.Add(path, "YAML anchors (&name) are not read; write each value out");
            return true;
        }

        if (!node.Tag.IsEmpty && node.Tag.Value != "!")
        {
            problems.Add(path, $"YAML tags ({SafeText.Echo(node.Tag.Value)}) are not read; quote a value to make it a string");
            return true;
        }

        return false;
    }

    private static DocumentNode? TooDeep(string path, ProblemList problems)
    {
        problems.Add(path, $"nested deeper than {DocumentLimits.MaxDepth} levels");
        return null;
    }

    private static DocumentNode Typed(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return new StringNode(scalar.Value);
        }

        return scalar.Value switch
        {
            "true" => new BooleanNode(true),
            "false" => new BooleanNode(false),
            "" or "~" or "null" => NullNode.Instance,
            var value when IsDecimalInteger(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new NumberNode(value, integer),
            var value => new StringNode(value),
        };
    }

    // -?(0|[1-9][0-9]*): JSON's integers, so 012345678901 (octal in YAML 1.1) stays text.
    private static bool IsDecimalInteger(string value)
    {
        var digits = value.StartsWith('-') ? value.AsSpan(1) : value.AsSpan();
        return digits.Length is > 0 and <= 18 && (digits.Length == 1 || digits[0] != '0') && !digits.ContainsAnyExceptInRange('0', '9');
    }

    // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is said already.
    private static string Unlocated(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }
}
