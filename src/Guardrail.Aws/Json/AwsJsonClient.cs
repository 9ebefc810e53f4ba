using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Json;

/// <summary>
/// The AWS JSON 1.1 protocol (Glue, Redshift Serverless, Organizations): a POST of a JSON body with the operation in
/// <c>X-Amz-Target</c>, a JSON answer, and <c>{"__type", "message"}</c> on failure. Signing and retries are the HTTP
/// pipeline's job (<see cref="AwsHttp"/>, the same as the Query client's), so this class only encodes and decodes.
/// </summary>
public sealed class AwsJsonClient
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.1");

    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string service;
    private readonly string targetPrefix;

    /// <param name="http">A signed, retrying client from <see cref="AwsHttp.CreateSignedClient"/>.</param>
    /// <param name="endpoint">The service endpoint.</param>
    /// <param name="service">The service's name in messages (<c>glue</c>).</param>
    /// <param name="targetPrefix">What comes before the operation in <c>X-Amz-Target</c> (<c>AWSGlue</c>).</param>
    public AwsJsonClient(HttpClient http, Uri endpoint, string service, string targetPrefix)
    {
        this.http = http;
        this.endpoint = endpoint;
        this.service = service;
        this.targetPrefix = targetPrefix;
    }

    /// <summary>Calls <paramref name="operation"/>; returns the response object or throws <see cref="AwsServiceException"/>.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        request.Content.Headers.ContentType = ContentType;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
        using var response = await AwsHttp.SendAsync(http, request, service, operation, cancellationToken).ConfigureAwait(false);
        return await AwsJsonAnswer.ReadAsync(response, service, operation, cancellationToken).ConfigureAwait(false);
    }
}
