using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.Kms;

/// <summary><see cref="IKeyReader"/> over AWSSDK.KeyManagementService (whose own retry handles throttling and 5xx).</summary>
public sealed class SdkKeyReader : IKeyReader
{
    private readonly IAmazonKeyManagementService kms;
    private readonly AwsCallCounter counter;

    public SdkKeyReader(IAmazonKeyManagementService kms, AwsCallCounter counter)
    {
        this.kms = kms;
        this.counter = counter;
    }

    public Task<KeyDescription> DescribeKeyAsync(string keyId, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "kms:DescribeKey", async () =>
        {
            var metadata = (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, cancellationToken).ConfigureAwait(false)).KeyMetadata
                ?? throw new AwsCallException("kms:DescribeKey", "InvalidResponse", "the answer has no KeyMetadata");
            return new KeyDescription(metadata.Arn, metadata.KeyId, metadata.KeyState?.Value ?? "Unknown", metadata.KeyManager == KeyManagerType.AWS);
        });

    public Task<string> GetKeyPolicyAsync(string keyIdOrArn, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "kms:GetKeyPolicy", async () =>
            (await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyIdOrArn, PolicyName = "default" }, cancellationToken).ConfigureAwait(false)).Policy
                ?? throw new AwsCallException("kms:GetKeyPolicy", "InvalidResponse", "the answer has no Policy"));

    public async Task<IReadOnlyList<GrantEntry>> ListGrantsAsync(string keyIdOrArn, CancellationToken cancellationToken)
    {
        var grants = new List<GrantEntry>();
        string? marker = null;
        do
        {
            var request = new ListGrantsRequest { KeyId = keyIdOrArn, Marker = marker };
            var page = await AwsCall.RunAsync(counter, "kms:ListGrants", () => kms.ListGrantsAsync(request, cancellationToken)).ConfigureAwait(false);
            grants.AddRange((page.Grants ?? []).Select(g => new GrantEntry(
                g.GranteePrincipal ?? string.Empty,
                [.. g.Operations ?? []],
                g.Constraints?.EncryptionContextEquals is { Count: > 0 } equals ? new SortedDictionary<string, string>(equals, StringComparer.Ordinal) : null,
                g.Constraints?.EncryptionContextSubset is { Count: > 0 } subset ? new SortedDictionary<string, string>(subset, StringComparer.Ordinal) : null)));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker is not null);

        return grants;
    }
}
