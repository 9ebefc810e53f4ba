using System.Text.Json;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Parses IAM policy JSON into an immutable <see cref="PolicyDocument"/>, accepting every form AWS accepts
/// (single statement or array, strings or arrays, typed condition values) and rejecting everything else
/// with a message that names the element. Total: any string gives a document or a <see cref="PolicyParseException"/>.
/// </summary>
public static class PolicyParser
{
    private static readonly JsonReaderOptions Options = new()
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

        // Transcoding ourselves lets an unpaired surrogate in the text be reported as a policy error instead of
        // escaping as an InvalidOperationException.
        return JsonInput.ReadUtf8(
            text,
            "policy",
            int.MaxValue,
            (text, kind),
            static (utf8, input) => Read(utf8, input.text, input.kind),
            static detail => new PolicyParseException(string.Empty, detail));
    }

    // One pass over the bytes with no document model. A JSON syntax error anywhere is reported before any problem
    // with the policy (as when the whole document was parsed first), so a policy problem is only reported once the
    // rest of the document is known to be JSON; a valid policy never pays for that second look.
    private static PolicyDocument Read(ReadOnlySpan<byte> utf8, string text, PolicyKind kind)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            reader.Read();
            var document = new PolicyReader(kind, new Utf8StringPool(utf8.Length)).ReadDocument(ref reader, text);
            reader.Read(); // nothing but white space may follow the policy
            return document;
        }
        catch (JsonException e)
        {
            throw new PolicyParseException(string.Empty, JsonInput.SyntaxError(e));
        }
        catch (PolicyParseException) when (JsonInput.FindSyntaxError(utf8, Options) is { } syntax)
        {
            throw new PolicyParseException(string.Empty, syntax);
        }
    }
}
