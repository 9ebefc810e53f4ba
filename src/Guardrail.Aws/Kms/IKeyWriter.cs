namespace Guardrail.Aws.Kms;

/// <summary>
/// The KMS writes that put a key on Spectrum's access path back to a known-good state. Key-state calls take the
/// bare key id (<see cref="KeyDescription.KeyId"/>): AWS also accepts the key ARN, moto only the id. Every write is
/// counted; failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IKeyWriter
{
    /// <summary><c>PutKeyPolicy</c> (policy name <c>default</c>, the only one KMS has): replaces the key policy.</summary>
    Task PutKeyPolicyAsync(string keyId, string policy, CancellationToken cancellationToken);

    /// <summary><c>EnableKey</c>: a disabled key usable again.</summary>
    Task EnableKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary><c>CancelKeyDeletion</c>: the key is no longer pending deletion, but stays <c>Disabled</c> until <see cref="EnableKeyAsync"/>.</summary>
    Task CancelKeyDeletionAsync(string keyId, CancellationToken cancellationToken);
}
