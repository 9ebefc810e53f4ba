using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Guardrail.Core.Text;

namespace Guardrail.Core.Parsing;

/// <summary>
/// Turns a document's text into JSON the one way every reader of the guardrail does (policies, snapshots):
/// transcoded to UTF-8 here, so an unpaired UTF-16 surrogate or a JSON syntax error is a one-line message for people,
/// never an <see cref="InvalidOperationException"/> or a reader-options hint.
/// </summary>
internal static class JsonInput
{
    /// <summary>Reads a document's UTF-8 bytes; they live only during the call (a pooled buffer).</summary>
    public delegate TResult Utf8Read<in TState, out TResult>(ReadOnlySpan<byte> utf8, TState state);

    /// <summary>
    /// Parses <paramref name="text"/> and hands its root to <paramref name="read"/>; the document lives only during
    /// that call (its bytes are a pooled buffer).
    /// </summary>
    /// <param name="text">The document.</param>
    /// <param name="what">What it is, for messages: "policy", "snapshot".</param>
    /// <param name="options">Depth and syntax options.</param>
    /// <param name="maxUtf8Bytes">The most UTF-8 bytes the document may have.</param>
    /// <param name="state">Passed to <paramref name="read"/> (so the callback needs no closure).</param>
    /// <param name="read">Reads the root element.</param>
    /// <param name="error">Makes the exception for a problem with the whole document (no element path).</param>
    public static TResult Read<TState, TResult>(
        string text, string what, JsonDocumentOptions options, int maxUtf8Bytes, TState state, Func<JsonElement, TState, TResult> read, Func<string, Exception> error)
    {
        var utf8 = Transcode(text, what, maxUtf8Bytes, error, out var written);
        try
        {
            using var json = Parse(utf8.AsMemory(0, written), options, error);
            return read(json.RootElement, state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// Transcodes <paramref name="text"/> to UTF-8 within <paramref name="maxUtf8Bytes"/> and hands the bytes to
    /// <paramref name="read"/>, which reads them itself (<see cref="Utf8JsonReader"/>, no document).
    /// </summary>
    public static TResult ReadUtf8<TState, TResult>(string text, string what, int maxUtf8Bytes, TState state, Utf8Read<TState, TResult> read, Func<string, Exception> error)
    {
        var utf8 = Transcode(text, what, maxUtf8Bytes, error, out var written);
        try
        {
            return read(utf8.AsSpan(0, written), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>The message for a JSON syntax error, as every reader words it.</summary>
    public static string SyntaxError(JsonException e)
    {
        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        return $"invalid JSON at line {line}, column {column}: {SafeText.Line(FirstSentence(e.Message))}";
    }

    /// <summary>The first syntax error of the whole document (<see cref="SyntaxError"/>), or null when it is valid JSON.</summary>
    public static string? FindSyntaxError(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return SyntaxError(e);
        }
    }

    // The caller returns the buffer to the pool.
    private static byte[] Transcode(string text, string what, int maxUtf8Bytes, Func<string, Exception> error, out int written)
    {
        // Every character is at least one UTF-8 byte: a text too long is refused before a buffer is rented for it.
        if (text.Length > maxUtf8Bytes)
        {
            throw error(TooLarge(what, maxUtf8Bytes));
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        if (Utf8.FromUtf16(text, utf8, out var consumed, out written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            ArrayPool<byte>.Shared.Return(utf8);
            throw error($"the {what} text is not valid Unicode: an unpaired UTF-16 surrogate at character {consumed + 1}");
        }

        if (written > maxUtf8Bytes)
        {
            ArrayPool<byte>.Shared.Return(utf8);
            throw error(TooLarge(what, maxUtf8Bytes));
        }

        return utf8;
    }

    private static string TooLarge(string what, int maxUtf8Bytes) =>
        $"the {what} is larger than {maxUtf8Bytes:N0} bytes of UTF-8, the most the guardrail reads";

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options, Func<string, Exception> error)
    {
        try
        {
            return JsonDocument.Parse(utf8, options);
        }
        catch (JsonException e)
        {
            throw error(SyntaxError(e));
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
