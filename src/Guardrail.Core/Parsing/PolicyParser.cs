using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Parses IAM policy JSON into an immutable <see cref="PolicyDocument"/>, accepting every form AWS accepts
/// (single statement or array, strings or arrays, typed condition values) and rejecting everything else
/// with a message that names the element. Total: any string gives a document or a <see cref="PolicyParseException"/>.
/// </summary>
public static class PolicyParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    /// <summary>Parses <paramref name="text"/> as a policy of the given kind.</summary>
    /// <exception cref="PolicyParseException">The text is not valid JSON or not a valid policy of that kind.</exception>
    public static PolicyDocument Parse(string text, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PolicyParseException(string.Empty, "the policy document is empty");
        }

        // Transcoding ourselves (as JsonDocument.Parse(string) would) lets an unpaired surrogate in the text be
        // reported as a policy error instead of escaping as an InvalidOperationException.
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            if (Utf8.FromUtf16(text, utf8, out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new PolicyParseException(string.Empty, $"the policy text is not valid Unicode: an unpaired UTF-16 surrogate at character {read + 1}");
            }

            using var json = ParseJson(utf8.AsMemory(0, written));
            return new PolicyReader(kind).ReadDocument(json.RootElement, text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new PolicyParseException(string.Empty, $"invalid JSON at line {line}, column {column}: {SafeText.Line(FirstSentence(e.Message))}");
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends advice about reader options and "LineNumber: ..." which repeat or mislead.
        foreach (var marker in (ReadOnlySpan<string>)[" Change the reader options", " Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }
}
