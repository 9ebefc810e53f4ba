using System.Text;
using Guardrail.Aws;
using Guardrail.Aws.Config;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// Reads the document <c>GUARDRAIL_CONFIG</c> names from S3, SSM (decrypted) or a file, at most
/// <see cref="DocumentLimits.MaxBytes"/>, as UTF-8 text (a byte order mark is dropped; invalid UTF-8 is refused).
/// </summary>
public sealed class ConfigDocumentSource : IConfigDocumentSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ConfigDocumentLocation location;
    private readonly IConfigDocumentStore store;

    public ConfigDocumentSource(ConfigDocumentLocation location, IConfigDocumentStore store)
    {
        this.location = location ?? throw new ArgumentNullException(nameof(location));
        this.store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>The source for <c>GUARDRAIL_CONFIG</c>'s value, reading AWS through <paramref name="endpoints"/>.</summary>
    /// <exception cref="GuardrailConfigException">The value is not a location.</exception>
    public static ConfigDocumentSource Create(string value, AwsEndpoints endpoints)
    {
        var location = ConfigDocumentLocation.Parse(value, out var problem) ?? throw new GuardrailConfigException($"GUARDRAIL_CONFIG {problem}");
        return new ConfigDocumentSource(location, location.Kind == ConfigStoreKind.File ? FileOnly.Instance : AwsConfigDocumentStore.Create(endpoints));
    }

    public string Location => location.ToString();

    public async Task<string> ReadTextAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = location.Kind switch
            {
                ConfigStoreKind.S3 => await store.ReadObjectAsync(location.Name, location.Key!, DocumentLimits.MaxBytes, cancellationToken).ConfigureAwait(false),
                ConfigStoreKind.Ssm => await store.ReadParameterAsync(location.Name, DocumentLimits.MaxBytes, cancellationToken).ConfigureAwait(false),
                _ => await ReadFileAsync(location.Name, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (ConfigStoreException e)
        {
            throw new ConfigDocumentUnreadableException(SafeText.Line(e.Message), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigDocumentUnreadableException(SafeText.Line($"cannot read {location}: {e.Message}"), e);
        }

        try
        {
            var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new ConfigDocumentUnreadableException($"{SafeText.Echo(Location)} is not UTF-8 text", e);
        }
    }

    private static async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > DocumentLimits.MaxBytes)
        {
            throw new IOException($"it is larger than {DocumentLimits.MaxBytes:N0} bytes, the most a configuration document may have");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    // A file location needs no AWS client.
    private sealed class FileOnly : IConfigDocumentStore
    {
        public static readonly FileOnly Instance = new();

        public Task<byte[]> ReadObjectAsync(string bucket, string key, int maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<byte[]> ReadParameterAsync(string name, int maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
