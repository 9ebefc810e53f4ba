using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Aws.Json;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Rest;

/// <summary>
/// The AWS REST-JSON protocol as Lake Formation uses it: every operation a POST of a JSON body to
/// <c>/OPERATION</c>, a JSON answer, and the error code in <c>x-amzn-ErrorType</c> or the body's <c>__type</c>/<c>code</c>.
/// Signing and retries are the HTTP pipeline's job (<see cref="AwsHttp"/>); answers are bounded in size.
/// </summary>
public sealed class AwsRestJsonClient
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/json");

    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string service;

    /// <param name="http">A signed, retrying client from <see cref="AwsHttp.CreateSignedClient"/>.</param>
    /// <param name="endpoint">The service endpoint (its path is kept; the operation is appended).</param>
    /// <param name="service">The service's name in messages (<c>lakeformation</c>).</param>
    public AwsRestJsonClient(HttpClient http, Uri endpoint, string service)
    {
        this.http = http;
        this.endpoint = endpoint;
        this.service = service;
    }

    /// <summary>POSTs <paramref name="body"/> to <c>/<paramref name="operation"/></c>; returns the answer or throws <see cref="AwsServiceException"/>.</summary>
    public async Task<JsonObject> PostAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.ToString().TrimEnd('/') + "/" + operation))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        request.Content.Headers.ContentType = ContentType;
        using var response = await AwsHttp.SendAsync(http, request, service, operation, cancellationToken).ConfigureAwait(false);
        return await AwsJsonAnswer.ReadAsync(response, service, operation, cancellationToken).ConfigureAwait(false);
    }
}
