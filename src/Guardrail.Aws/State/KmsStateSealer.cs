using Amazon;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Guardrail.Aws.State;

/// <summary>
/// <see cref="IStateSealer"/> with a KMS HMAC key (<c>HMAC_256</c>, usage <c>GENERATE_VERIFY_MAC</c>):
/// <c>GenerateMac</c> and <c>VerifyMac</c> with HMAC_SHA_256. The key material never leaves KMS.
/// </summary>
public sealed class KmsStateSealer : IStateSealer
{
    private readonly IAmazonKeyManagementService kms;
    private readonly string keyId;

    public KmsStateSealer(IAmazonKeyManagementService kms, string keyId)
    {
        this.kms = kms;
        this.keyId = keyId;
    }

    public static KmsStateSealer Create(AwsEndpoints endpoints, string keyId)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var config = new AmazonKeyManagementServiceConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(endpoints.Region) };
        if (endpoints.Override("KMS") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return new KmsStateSealer(new AmazonKeyManagementServiceClient(config), keyId);
    }

    public async Task<string> SealAsync(byte[] message, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(message, writable: false);
        var response = await kms.GenerateMacAsync(new GenerateMacRequest { KeyId = keyId, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Message = body }, cancellationToken).ConfigureAwait(false);
        return Convert.ToBase64String(response.Mac.ToArray());
    }

    public async Task<bool> VerifyAsync(byte[] message, string mac, CancellationToken cancellationToken)
    {
        byte[] macBytes;
        try
        {
            macBytes = Convert.FromBase64String(mac);
        }
        catch (FormatException)
        {
            return false;
        }

        if (macBytes.Length == 0)
        {
            return false;
        }

        using var body = new MemoryStream(message, writable: false);
        using var macStream = new MemoryStream(macBytes, writable: false);
        try
        {
            var response = await kms.VerifyMacAsync(new VerifyMacRequest { KeyId = keyId, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Message = body, Mac = macStream }, cancellationToken).ConfigureAwait(false);
            return response.MacValid == true;
        }
        catch (KMSInvalidMacException)
        {
            // KMS answers a MAC that does not verify with this error rather than MacValid=false.
            return false;
        }
    }
}
