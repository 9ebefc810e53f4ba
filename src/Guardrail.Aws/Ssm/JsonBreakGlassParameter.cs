using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Ssm;

/// <summary><see cref="IBreakGlassParameter"/> through SSM's <c>GetParameter</c> (JSON 1.1, target prefix <c>AmazonSSM</c>).</summary>
public sealed class JsonBreakGlassParameter : IBreakGlassParameter
{
    /// <summary>The <c>X-Amz-Target</c> prefix of SSM.</summary>
    public const string TargetPrefix = "AmazonSSM";

    private readonly AwsJsonClient client;
    private readonly string name;

    public JsonBreakGlassParameter(AwsJsonClient client, string name)
    {
        this.client = client;
        this.name = name;
    }

    public static JsonBreakGlassParameter Create(AwsEndpoints endpoints, string name)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var region = endpoints.Region;
        var client = new AwsJsonClient(AwsHttp.CreateSignedClient("ssm", region), endpoints.Regional("SSM", "ssm", region), "ssm", TargetPrefix);
        return new JsonBreakGlassParameter(client, name);
    }

    public async Task<BreakGlassParameterValue?> ReadAsync(CancellationToken cancellationToken)
    {
        JsonObject response;
        try
        {
            response = await client.CallAsync("GetParameter", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Code == "ParameterNotFound")
        {
            return null;
        }

        var parameter = response["Parameter"] as JsonObject;
        var value = parameter?["Value"]?.GetValue<string>();
        var modified = parameter?["LastModifiedDate"] is JsonValue date && date.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : (DateTimeOffset?)null;
        return value is null || modified is null
            ? throw new AwsServiceException("ssm", "InvalidResponse", $"GetParameter of {name} returned no Value or LastModifiedDate", System.Net.HttpStatusCode.OK, null)
            : new BreakGlassParameterValue(value, modified.Value);
    }
}
