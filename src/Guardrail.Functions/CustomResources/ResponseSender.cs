using System.Net;
using System.Text;

namespace Guardrail.Functions.CustomResources;

/// <summary>
/// PUTs a custom-resource response to CloudFormation's presigned S3 URL, retrying network errors, throttling and
/// 5xx answers until the deadline. No Content-Type is sent: CloudFormation presigns the URL for an empty one.
/// </summary>
public sealed class ResponseSender
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private readonly HttpClient http;

    public ResponseSender(HttpClient http)
    {
        this.http = http;
    }

    /// <exception cref="HttpRequestException">The response could not be delivered (the message says how it failed).</exception>
    /// <exception cref="OperationCanceledException">The deadline passed first.</exception>
    public async Task SendAsync(Uri url, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(bytes) };
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                failure = $"the response URL answered HTTP {(int)response.StatusCode}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    throw new HttpRequestException(failure, null, response.StatusCode);
                }
            }
            catch (HttpRequestException e) when (e.StatusCode is null && attempt < Backoff.Length)
            {
                failure = e.Message;
            }

            if (attempt >= Backoff.Length)
            {
                throw new HttpRequestException($"{failure} after {attempt + 1} attempts");
            }

            await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
        }
    }
}
