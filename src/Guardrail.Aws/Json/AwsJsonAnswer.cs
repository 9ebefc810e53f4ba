using System.Text.Json.Nodes;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;
using Guardrail.Aws.Rest;

namespace Guardrail.Aws.Json;

/// <summary>
/// The answer of a JSON service (JSON 1.1 and REST-JSON alike): the body read within <see cref="ReadLimits"/>, an
/// error turned into <see cref="AwsServiceException"/> by its <c>__type</c> or <c>x-amzn-ErrorType</c>, and the
/// body as one JSON object (an empty body is an empty object).
/// </summary>
internal static class AwsJsonAnswer
{
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string service, string operation, CancellationToken cancellationToken)
    {
        var text = await AwsResponseBody.ReadAsync(response, service, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var header = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            throw AwsJsonError.Parse(service, response.StatusCode, text, header);
        }

        try
        {
            // Some operations answer with an empty body when there is nothing to say.
            return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject
                ?? throw new AwsServiceException(service, "InvalidResponse", $"{operation} returned JSON that is not an object", response.StatusCode, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new AwsServiceException(service, "InvalidResponse", $"{operation} returned JSON that cannot be read: {e.Message}", response.StatusCode, null);
        }
    }
}
