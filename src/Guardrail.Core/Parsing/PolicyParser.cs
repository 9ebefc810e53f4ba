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
        return JsonInput.Read(
            text,
            "policy",
            Options,
            int.MaxValue,
            (text, kind),
            static (root, input) => new PolicyReader(input.kind).ReadDocument(root, input.text),
            static detail => new PolicyParseException(string.Empty, detail));
    }
}
