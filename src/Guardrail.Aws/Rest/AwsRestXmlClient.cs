using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Rest;

/// <summary>
/// The AWS REST-XML protocol as S3 Control uses it: a method and a path (<c>/v20180820/accesspoint/NAME</c>), the
/// account in <c>x-amz-account-id</c>, an XML body or answer, and <c>&lt;Error&gt;&lt;Code&gt;</c> on failure.
/// Signing and retries are the HTTP pipeline's job (<see cref="AwsHttp"/>); answers are bounded in size.
/// </summary>
public sealed class AwsRestXmlClient
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/xml");

    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string service;
    private readonly string account;

    /// <param name="http">A signed, retrying client from <see cref="AwsHttp.CreateSignedClient"/> (S3 Control signs as <c>s3</c>).</param>
    /// <param name="endpoint">The account's endpoint (<c>https://ACCOUNT.s3-control.REGION.amazonaws.com/</c>).</param>
    /// <param name="service">The service's name in messages (<c>s3control</c>).</param>
    /// <param name="account">The account every request is about (<c>x-amz-account-id</c>).</param>
    public AwsRestXmlClient(HttpClient http, Uri endpoint, string service, string account)
    {
        this.http = http;
        this.endpoint = endpoint;
        this.service = service;
        this.account = account;
    }

    /// <summary>The account every request is about.</summary>
    public string Account => account;

    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="pathAndQuery"/> (already escaped) with an optional XML body;
    /// returns the answer (null when it is empty) or throws <see cref="AwsServiceException"/>.
    /// </summary>
    public async Task<XDocument?> SendAsync(HttpMethod method, string pathAndQuery, string operation, XDocument? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint.ToString().TrimEnd('/') + pathAndQuery));
        request.Headers.TryAddWithoutValidation("x-amz-account-id", account);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
            request.Content.Headers.ContentType = ContentType;
        }

        using var response = await AwsHttp.SendAsync(http, request, service, operation, cancellationToken).ConfigureAwait(false);
        var text = await AwsResponseBody.ReadAsync(response, service, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsQueryClient.ParseError(service, response.StatusCode, text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return XDocument.Parse(text);
        }
        catch (System.Xml.XmlException e)
        {
            throw new AwsServiceException(service, "InvalidResponse", $"{operation} returned XML that cannot be read: {e.Message}", response.StatusCode, null);
        }
    }
}
