using System.Text.Json.Nodes;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Json;

namespace Guardrail.Aws.Glue;

/// <summary><see cref="ICatalogPolicyReader"/> over JSON 1.1 (target <c>AWSGlue.GetResourcePolicy</c>).</summary>
public sealed class JsonCatalogPolicyReader : ICatalogPolicyReader
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Glue.</summary>
    public const string TargetPrefix = "AWSGlue";

    private readonly AwsJsonClient client;
    private readonly AwsCallCounter counter;

    public JsonCatalogPolicyReader(AwsJsonClient client, AwsCallCounter counter)
    {
        this.client = client;
        this.counter = counter;
    }

    public Task<string?> GetCatalogPolicyAsync(CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "glue:GetResourcePolicy", async () =>
        {
            try
            {
                // Without a ResourceArn, Glue answers for the calling account's catalog: the factory's client is in that account.
                var response = await client.CallAsync("GetResourcePolicy", [], cancellationToken).ConfigureAwait(false);
                return response["PolicyInJson"] is JsonValue value && value.TryGetValue<string>(out var policy) && policy.Length > 0 ? policy : null;
            }
            catch (Query.AwsServiceException e) when (e.Code == "EntityNotFoundException")
            {
                // AWS's answer for a catalog without a policy.
                return null;
            }
        });
}
