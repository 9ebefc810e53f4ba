namespace Guardrail.Aws.Config;

/// <summary>
/// Where a configuration document may be kept in AWS: an S3 object or an SSM parameter. Each read returns the raw
/// bytes, at most maxBytes of them (a larger document is refused before it is read whole).
/// </summary>
public interface IConfigDocumentStore
{
    /// <summary>The object's bytes (<c>GetObject</c>).</summary>
    /// <exception cref="ConfigStoreException">The object is missing, unreadable or larger than <paramref name="maxBytes"/>.</exception>
    Task<byte[]> ReadObjectAsync(string bucket, string key, int maxBytes, CancellationToken cancellationToken);

    /// <summary>The parameter's value, decrypted when it is a SecureString (<c>GetParameter</c>, <c>WithDecryption</c>).</summary>
    /// <exception cref="ConfigStoreException">The parameter is missing, unreadable or larger than <paramref name="maxBytes"/>.</exception>
    Task<byte[]> ReadParameterAsync(string name, int maxBytes, CancellationToken cancellationToken);
}
