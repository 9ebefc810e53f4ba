namespace Guardrail.Aws.Kms;

/// <summary>
/// The KMS reads of a key on Spectrum's access path. Failures throw <see cref="Calls.AwsCallException"/>.
/// The official client implements it (<see cref="SdkKeyReader"/>); a fake can in tests.
/// </summary>
public interface IKeyReader
{
    /// <summary><c>DescribeKey</c> by key id, key ARN, alias name or alias ARN.</summary>
    Task<KeyDescription> DescribeKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary><c>GetKeyPolicy</c> (policy name <c>default</c>) by key id or key ARN.</summary>
    Task<string> GetKeyPolicyAsync(string keyIdOrArn, CancellationToken cancellationToken);

    /// <summary><c>ListGrants</c>, every page, by key id or key ARN.</summary>
    Task<IReadOnlyList<GrantEntry>> ListGrantsAsync(string keyIdOrArn, CancellationToken cancellationToken);
}

/// <summary>What <c>DescribeKey</c> says about a key.</summary>
/// <param name="Arn">The key's ARN (never an alias).</param>
/// <param name="KeyId">The bare key id (the form key-state calls need in every implementation).</param>
/// <param name="State">KMS's key state, e.g. <c>Enabled</c>, <c>Disabled</c>, <c>PendingDeletion</c>.</param>
/// <param name="AwsManaged">Whether KMS reports the key manager as <c>AWS</c> (like <c>aws/s3</c>).</param>
public sealed record KeyDescription(string Arn, string KeyId, string State, bool AwsManaged);

/// <summary>A KMS grant as <c>ListGrants</c> reports it.</summary>
/// <param name="GranteePrincipal">Who the grant is for.</param>
/// <param name="Operations">The operations it allows.</param>
/// <param name="EncryptionContextEquals">The exact encryption context it requires; null when not set.</param>
/// <param name="EncryptionContextSubset">The pairs the encryption context must include; null when not set.</param>
public sealed record GrantEntry(
    string GranteePrincipal,
    IReadOnlyList<string> Operations,
    IReadOnlyDictionary<string, string>? EncryptionContextEquals,
    IReadOnlyDictionary<string, string>? EncryptionContextSubset);
