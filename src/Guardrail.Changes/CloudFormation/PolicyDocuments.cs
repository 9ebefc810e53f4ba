using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// A resolved policy property as <see cref="PolicyText"/>: a map is written as JSON, a text is taken as the JSON it
/// holds (<c>PolicyDocument: '{...}'</c>); the line of each statement is kept. Any unknown value inside makes the
/// whole policy unknown, naming the property path of the first one.
/// </summary>
internal static class PolicyDocuments
{
    public static Proposed<PolicyText> From(TemplateNode? node, string path)
    {
        switch (node)
        {
            case null:
                return new Proposed<PolicyText>.Removed();
            case UnknownNode unknown:
                return new Proposed<PolicyText>.Unknown(unknown.Property, unknown.Reason);
            case ScalarNode { Kind: ScalarKind.String } text:
                TemplateNode parsed;
                try
                {
                    parsed = JsonTemplateParser.Parse(text.Value, Math.Max(text.Line, 1), path);
                }
                catch (ChangeInputException)
                {
                    // Not JSON: the overlay reports it as an invalid document (the deployment would fail).
                    return new Proposed<PolicyText>.Set(PolicyText.Of(text.Value));
                }

                return new Proposed<PolicyText>.Set(new PolicyText(text.Value, text.Line > 0 ? StatementLines(parsed) : []));
        }

        if (FirstUnknown(node) is { } inside)
        {
            return new Proposed<PolicyText>.Unknown(inside.Property, inside.Reason);
        }

        // References share their values, so a small template can name a long value many times: bound the text made.
        if (Size(node, 0) > TemplateLimits.MaxPolicyChars)
        {
            throw TemplateErrors.At(node, path, $"the policy document is longer than {TemplateLimits.MaxPolicyChars:N0} characters (IAM, S3 and KMS take at most 32 KB)");
        }

        return new Proposed<PolicyText>.Set(new PolicyText(Json(node), node.Line > 0 ? StatementLines(node) : []));
    }

    /// <summary>The first unknown value in <paramref name="node"/>, in document order.</summary>
    public static UnknownNode? FirstUnknown(TemplateNode node) => node switch
    {
        UnknownNode u => u,
        ListNode l => l.Items.Select(FirstUnknown).FirstOrDefault(u => u is not null),
        MapNode m => m.Entries.Select(e => FirstUnknown(e.Value)).FirstOrDefault(u => u is not null),
        _ => null,
    };

    // The length of the node as JSON, roughly; stops counting past the bound.
    private static long Size(TemplateNode node, long sum)
    {
        switch (node)
        {
            case ScalarNode s:
                return sum + s.Value.Length + 3;
            case ListNode l:
                foreach (var item in l.Items)
                {
                    sum = Size(item, sum + 1);
                    if (sum > TemplateLimits.MaxPolicyChars)
                    {
                        return sum;
                    }
                }

                return sum + 2;
            case MapNode m:
                foreach (var entry in m.Entries)
                {
                    sum = Size(entry.Value, sum + entry.Key.Length + 4);
                    if (sum > TemplateLimits.MaxPolicyChars)
                    {
                        return sum;
                    }
                }

                return sum + 2;
            default:
                return sum + 4;
        }
    }

    /// <summary>The node as JSON text.</summary>
    public static string Json(TemplateNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, MaxDepth = TemplateLimits.MaxDepth + 8 }))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, TemplateNode node)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.Null }:
                writer.WriteNullValue();
                break;
            case ScalarNode { Kind: ScalarKind.Boolean } b:
                writer.WriteBooleanValue(b.Value == "true");
                break;
            case ScalarNode { Kind: ScalarKind.Number } n when double.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && IsJsonNumber(n.Value):
                writer.WriteRawValue(n.Value, skipInputValidation: false);
                break;
            case ScalarNode s:
                writer.WriteStringValue(s.Value);
                break;
            case ListNode l:
                writer.WriteStartArray();
                foreach (var item in l.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case MapNode m:
                writer.WriteStartObject();
                foreach (var entry in m.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static bool IsJsonNumber(string value)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
            return reader.Read() && reader.TokenType == JsonTokenType.Number && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<int> StatementLines(TemplateNode document) => (document as MapNode)?["Statement"] switch
    {
        ListNode l => [.. l.Items.Select(i => i.Line)],
        MapNode m => [m.Line],
        _ => [],
    };
}
