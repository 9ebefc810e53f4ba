using System.Globalization;
using Guardrail.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// Reads a YAML template from YamlDotNet's parser events (no object mapping, no reflection) into a
/// <see cref="TemplateNode"/> tree with lines. Short-form tags become the long form (<c>!GetAtt A.B</c> is
/// <c>{"Fn::GetAtt": ["A", "B"]}</c>). Refused: anchors and aliases (no expansion, so no "billion laughs"), other
/// tags, keys that are not scalars, a repeated key, a second document, nesting deeper than
/// <see cref="TemplateLimits.MaxDepth"/>, more than <see cref="TemplateLimits.MaxNodes"/> values.
/// </summary>
internal sealed class YamlTemplateParser
{
    private readonly Parser parser;
    private int nodes;

    private YamlTemplateParser(string text) => parser = new Parser(new StringReader(text));

    public static TemplateNode Parse(string text)
    {
        try
        {
            return new YamlTemplateParser(text).Document();
        }
        catch (YamlException e)
        {
            throw TemplateErrors.At((int)Math.Min(e.Start.Line, int.MaxValue), "(template)", $"not valid YAML: {SafeText.Echo(Unlocated(e.Message))}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw TemplateErrors.At(0, "(template)", $"not valid YAML: {SafeText.Echo(e.Message)}");
        }
    }

    private TemplateNode Document()
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            throw TemplateErrors.At(1, "(template)", "the template is empty");
        }

        parser.Consume<DocumentStart>();
        var root = Value(string.Empty, 0);
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out var _))
        {
            throw TemplateErrors.At(Line(parser.Current!.Start), "(template)", "the text holds more than one YAML document");
        }

        return root;
    }

    private TemplateNode Value(string path, int depth)
    {
        var current = parser.Current ?? throw TemplateErrors.At(0, Shown(path), "the template ends early");
        var line = Line(current.Start);
        if (++nodes > TemplateLimits.MaxNodes)
        {
            throw TemplateErrors.At(line, Shown(path), $"the template has more than {TemplateLimits.MaxNodes:N0} values");
        }

        if (current is AnchorAlias)
        {
            throw TemplateErrors.At(line, Shown(path), "YAML aliases (*name) are not read; write the value out");
        }

        if (current is not NodeEvent node)
        {
            throw TemplateErrors.At(line, Shown(path), "not a YAML value");
        }

        if (!node.Anchor.IsEmpty)
        {
            throw TemplateErrors.At(line, Shown(path), "YAML anchors (&name) are not read; write each value out");
        }

        if (depth >= TemplateLimits.MaxDepth)
        {
            throw TemplateErrors.At(line, Shown(path), $"nested deeper than {TemplateLimits.MaxDepth} levels");
        }

        string? function = null;
        if (!node.Tag.IsEmpty && !ShortFormTags.IsString(node.Tag.Value))
        {
            function = ShortFormTags.Function(node.Tag.Value)
                ?? throw TemplateErrors.At(line, Shown(path), $"the YAML tag {SafeText.Quote(node.Tag.Value)} is not one of CloudFormation's short forms (!Ref, !Sub, !GetAtt...)");
        }

        var inner = function is null ? path : TemplateErrors.Property(path, function);
        TemplateNode value = current switch
        {
            Scalar scalar => Scalar(scalar, line, forceString: function is not null || !node.Tag.IsEmpty),
            MappingStart => Mapping(inner, depth + 1, line),
            SequenceStart => Sequence(inner, depth + 1, line),
            _ => throw TemplateErrors.At(line, Shown(path), "not a YAML value"),
        };

        if (function is null)
        {
            return value;
        }

        // !GetAtt Resource.Attribute: the short form's scalar splits at the first dot.
        if (function == "Fn::GetAtt" && value is ScalarNode { Value: var dotted } && dotted.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            value = new ListNode(line, [new ScalarNode(line, dotted[..dot], ScalarKind.String), new ScalarNode(line, dotted[(dot + 1)..], ScalarKind.String)]);
        }

        return new MapNode(line, [new MapEntry(function, line, value)]);
    }

    private ScalarNode Scalar(Scalar scalar, int line, bool forceString)
    {
        parser.MoveNext();
        if (scalar.Style == ScalarStyle.Literal)
        {
            // A literal block (|) starts on the line after its indicator: a policy written in it counts its lines from there.
            return new ScalarNode(line + 1, scalar.Value, ScalarKind.String);
        }

        if (forceString || scalar.Style != ScalarStyle.Plain)
        {
            return new ScalarNode(line, scalar.Value, ScalarKind.String);
        }

        return scalar.Value switch
        {
            "true" or "True" or "TRUE" => new ScalarNode(line, "true", ScalarKind.Boolean),
            "false" or "False" or "FALSE" => new ScalarNode(line, "false", ScalarKind.Boolean),
            "" or "~" or "null" or "Null" or "NULL" => new ScalarNode(line, string.Empty, ScalarKind.Null),
            var value when IsNumber(value) => new ScalarNode(line, value, ScalarKind.Number),
            var value => new ScalarNode(line, value, ScalarKind.String),
        };
    }

    private MapNode Mapping(string path, int depth, int line)
    {
        parser.Consume<MappingStart>();
        var entries = new List<MapEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyLine = Line(parser.Current!.Start);
            if (parser.Current is not Scalar key || !key.Anchor.IsEmpty || (!key.Tag.IsEmpty && !ShortFormTags.IsString(key.Tag.Value)))
            {
                throw TemplateErrors.At(keyLine, Shown(path), "a key is not a plain text value (complex keys, tags, aliases and anchors are not read)");
            }

            if (!seen.Add(key.Value))
            {
                throw TemplateErrors.At(keyLine, Shown(path), $"the key {SafeText.Quote(key.Value)} is given more than once");
            }

            parser.MoveNext();
            entries.Add(new MapEntry(key.Value, keyLine, Value(TemplateErrors.Property(path, key.Value), depth)));
        }

        return new MapNode(line, entries);
    }

    private ListNode Sequence(string path, int depth, int line)
    {
        parser.Consume<SequenceStart>();
        var items = new List<TemplateNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(Value(TemplateErrors.Index(path, items.Count), depth));
        }

        return new ListNode(line, items);
    }

    private static string Shown(string path) => path.Length == 0 ? "(template)" : path;

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 0, int.MaxValue);

    // JSON's numbers: -?(0|[1-9][0-9]*)(.[0-9]+)?; 012345678901 (an account id) stays the text it looks like.
    private static bool IsNumber(string value)
    {
        var s = value.StartsWith('-') ? value.AsSpan(1) : value.AsSpan();
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? [] : s[(dot + 1)..];
        return whole.Length is > 0 and <= 30 && (whole.Length == 1 || whole[0] != '0') && !whole.ContainsAnyExceptInRange('0', '9')
            && (dot < 0 || (fraction.Length is > 0 and <= 30 && !fraction.ContainsAnyExceptInRange('0', '9')))
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static string Unlocated(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }
}
