namespace Guardrail.Functions.Runtime;

/// <summary>Reads a stream to its end, but never more than Lambda's payload limit.</summary>
public static class PayloadLimit
{
    /// <summary>The bytes, or null when the stream holds more than <see cref="RuntimeApiClient.MaxPayloadBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > RuntimeApiClient.MaxPayloadBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
