using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace Guardrail.Aws.Query;

/// <summary>
/// Builds the HTTP pipeline of a Query client: retries (outermost, so each attempt is signed anew), then
/// AWSSDK.Core's SigV4 signing handler with the default credential chain, then the network.
/// </summary>
public static class AwsHttp
{
    /// <summary>An HttpClient that signs for <paramref name="service"/> in <paramref name="region"/>.</summary>
    public static HttpClient CreateSignedClient(string service, string region, AWSCredentials? credentials = null, HttpMessageHandler? network = null, DateTime? signedAt = null, int maxRetries = 4)
    {
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials ?? new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null),
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignPayload = true,
            SignedAt = signedAt,
        };
#pragma warning disable CA2000 // The handlers belong to the HttpClient, which disposes them.
        var signing = new SigV4SigningHandler(parameters, network ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var retrying = new RetryingHandler(signing, maxRetries);
#pragma warning restore CA2000
        return new HttpClient(retrying) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Sends <paramref name="request"/> through a client from <see cref="CreateSignedClient"/>.</summary>
    /// <exception cref="AwsServiceException">The network failed on every attempt.</exception>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string service, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Retries are exhausted: report the network failure as the service's, so callers handle one exception type.
            throw new AwsServiceException($"{service} {operation} failed after retries: {e.Message}", e);
        }
    }
}
