using System.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// How big a policy document is the way AWS's limits count it. IAM does not count white space against its policy
/// size limits (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), so sizes here leave out
/// JSON's white space (space, tab, line feed, carriage return) wherever it is: the smallest size any reading of a
/// limit could give, so a document over a limit by this measure is certainly over it.
/// </summary>
public static class PolicySize
{
    /// <summary>Characters other than white space (IAM's trust policy limit is in characters).</summary>
    public static int Characters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length - WhiteSpace(text);
    }

    /// <summary>UTF-8 bytes of the characters other than white space (S3's bucket policy limit is 20 KB).</summary>
    public static int Utf8Bytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Each white space character is one byte in UTF-8.
        return Encoding.UTF8.GetByteCount(text) - WhiteSpace(text);
    }

    /// <summary>
    /// <see cref="Utf8Bytes"/> when it is more than <paramref name="limit"/>, else null. The white space is only
    /// counted for a text over the limit with it: most policies are under the limit even with their white space.
    /// </summary>
    public static int? Utf8BytesOver(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withWhiteSpace = Encoding.UTF8.GetByteCount(text);
        if (withWhiteSpace <= limit)
        {
            return null;
        }

        var bytes = withWhiteSpace - WhiteSpace(text);
        return bytes > limit ? bytes : null;
    }

    // Span.Count is vectorised: four passes cost less than one character-by-character loop.
    private static int WhiteSpace(ReadOnlySpan<char> text) =>
        text.Count(' ') + text.Count('\n') + text.Count('\r') + text.Count('\t');
}
