using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Guardrail.Aws.Calls;

namespace Guardrail.Aws.Kms;

/// <summary><see cref="IKeyWriter"/> over AWSSDK.KeyManagementService (whose own retry handles throttling and 5xx).</summary>
public sealed class SdkKeyWriter(IAmazonKeyManagementService kms, AwsCallCounter counter) : IKeyWriter
{
    // The lockout safety check stays on: putting back a policy that locks everyone out is refused, not done.
    public Task PutKeyPolicyAsync(string keyId, string policy, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "kms:PutKeyPolicy", () => kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = keyId, PolicyName = "default", Policy = policy }, cancellationToken));

    public Task EnableKeyAsync(string keyId, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "kms:EnableKey", () => kms.EnableKeyAsync(new EnableKeyRequest { KeyId = keyId }, cancellationToken));

    public Task CancelKeyDeletionAsync(string keyId, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "kms:CancelKeyDeletion", () => kms.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = keyId }, cancellationToken));
}
