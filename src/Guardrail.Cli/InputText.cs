using System.Globalization;
using System.Text;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>
/// The one way the CLI reads a document (a policy or an event), from a file or from standard input (<c>-</c>): the
/// same size limit and the same decoding for both. UTF-8 with or without a byte order mark, or UTF-16 (little or big
/// endian) with one; anything that does not decode is refused rather than guessed at with replacement characters.
/// </summary>
public static class InputText
{
    /// <summary>
    /// The most the CLI reads: far above what AWS stores (S3 bucket policies are limited to 20 KB, trust policies to
    /// 4,096 characters), so a pretty-printed or over-limit policy is still judged (and its size reported), while a
    /// runaway pipe cannot fill the memory.
    /// </summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary><see cref="MaxBytes"/> for people.</summary>
    public const string MaxSizeText = "1 MiB (1,048,576 bytes)";

    /// <summary>A limit for people: <c>8 MiB (8,388,608 bytes)</c>.</summary>
    public static string SizeText(int maxBytes) =>
        maxBytes == MaxBytes ? MaxSizeText : string.Create(CultureInfo.InvariantCulture, $"{maxBytes / (1024 * 1024)} MiB ({maxBytes:N0} bytes)");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16LittleEndian = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16BigEndian = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>Reads and decodes the document named by <paramref name="source"/>.</summary>
    /// <param name="source">A path (relative to the working directory) or <c>-</c> for standard input.</param>
    /// <param name="what">What the document is, for messages: "policy" or "event".</param>
    /// <param name="env">Where standard input and the working directory come from.</param>
    /// <param name="maxBytes">The most bytes it may have (<see cref="MaxBytes"/> unless the document kind needs more).</param>
    /// <exception cref="UsageException">The document is missing, unreadable, too large or not text.</exception>
    public static string Read(string source, string what, CliEnvironment env, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(env);
        if (source == "-")
        {
            return Decode(ReadAtMostLimit(env.In, "standard input", maxBytes), "standard input");
        }

        var name = $"{what} file {SafeText.Echo(source)}";
        try
        {
            var path = Path.GetFullPath(source, env.WorkingDirectory);
            if (!File.Exists(path))
            {
                var article = what.StartsWith('e') ? "an" : "a";
                throw new UsageException(Directory.Exists(path) ? $"{SafeText.Echo(source)} is a directory, not {article} {what} file" : $"{name} does not exist");
            }

            using var file = File.OpenRead(path);
            return Decode(ReadAtMostLimit(file, name, maxBytes), name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A path the file system refuses (a NUL character, too long) is bad input too.
            throw new UsageException($"cannot read {name}: {e.Message}");
        }
    }

    /// <summary>Decodes <paramref name="bytes"/> by their byte order mark (UTF-8 without one).</summary>
    /// <exception cref="UsageException">The bytes are UTF-32 or do not decode.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw new UsageException($"{name} is UTF-32 text; save it as UTF-8 (or UTF-16 with a byte order mark)");
        }

        (Encoding encoding, int bom, string label) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)StrictUtf8, 3, "UTF-8"),
            [0xFF, 0xFE, ..] => (StrictUtf16LittleEndian, 2, "UTF-16"),
            [0xFE, 0xFF, ..] => (StrictUtf16BigEndian, 2, "UTF-16"),
            _ => (StrictUtf8, 0, "UTF-8"),
        };

        try
        {
            return encoding.GetString(bytes[bom..]);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index + bom}" : string.Empty;
            throw new UsageException($"{name} is not valid {label} text (an invalid byte sequence{at}); save it as UTF-8, or UTF-16 with a byte order mark");
        }
    }

    // Reads until the end or one byte past the limit, whichever comes first: a 50 MB pipe costs 1 MiB, not 50 MB.
    private static byte[] ReadAtMostLimit(Stream stream, string name, int maxBytes)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    throw new UsageException($"{name} is larger than {SizeText(maxBytes)}, the most the guardrail reads from a file or standard input");
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }
    }
}
