using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Rest;

/// <summary>Reads an answer's body as text, refusing one larger than <see cref="ReadLimits.MaxResponseBytes"/>.</summary>
internal static class AwsResponseBody
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, string service, string operation, CancellationToken cancellationToken)
    {
        // The retrying handler has buffered the body already, so its length is known.
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length > ReadLimits.MaxResponseBytes)
        {
            throw new AwsServiceException(service, ReadLimits.TooLargeCode, $"{operation} answered with {bytes.Length} bytes, more than {ReadLimits.MaxResponseBytes}", response.StatusCode, null);
        }

        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
