using System.Net;
using System.Xml.Linq;

namespace Guardrail.Aws.Query;

/// <summary>
/// The AWS Query protocol (IAM, SNS): a form-encoded POST of <c>Action</c>, <c>Version</c> and parameters, an XML
/// answer, and <c>&lt;ErrorResponse&gt;</c> on failure. Signing and retries are the HTTP pipeline's job
/// (<see cref="AwsHttp"/>), so this class only encodes and decodes.
/// </summary>
public sealed class AwsQueryClient
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly string service;
    private readonly string version;

    public AwsQueryClient(HttpClient http, Uri endpoint, string service, string version)
    {
        this.http = http;
        this.endpoint = endpoint;
        this.service = service;
        this.version = version;
    }

    /// <summary>Calls <paramref name="action"/>; returns the response document or throws <see cref="AwsServiceException"/>.</summary>
    public async Task<XDocument> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(Encode(action, parameters)),
        };
        using var response = await AwsHttp.SendAsync(http, request, service, action, cancellationToken).ConfigureAwait(false);
        var body = await Rest.AwsResponseBody.ReadAsync(response, service, action, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ParseError(service, response.StatusCode, body);
        }

        try
        {
            return XDocument.Parse(body);
        }
        catch (System.Xml.XmlException e)
        {
            throw new AwsServiceException(service, "InvalidResponse", $"{action} returned XML that cannot be read: {e.Message}", response.StatusCode, null);
        }
    }

    /// <summary>The form fields of a call, in order: Action, Version, then the parameters.</summary>
    public IEnumerable<KeyValuePair<string, string>> Encode(string action, IEnumerable<KeyValuePair<string, string>> parameters) =>
        new[] { KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", version) }.Concat(parameters);

    /// <summary>Reads an <c>&lt;ErrorResponse&gt;</c> (namespaced or not) into an exception.</summary>
    public static AwsServiceException ParseError(string service, HttpStatusCode status, string body)
    {
        try
        {
            var document = XDocument.Parse(body);
            var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = Child(error, "Code") ?? status.ToString();
            var message = Child(error, "Message") ?? "no message";
            var requestId = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            return new AwsServiceException(service, code, message, status, requestId);
        }
        catch (System.Xml.XmlException)
        {
            var excerpt = body.Length > 200 ? body[..200] : body;
            return new AwsServiceException(service, status.ToString(), string.IsNullOrWhiteSpace(excerpt) ? "empty response" : excerpt, status, null);
        }
    }

    /// <summary>The text of the first descendant named <paramref name="localName"/>, in any XML namespace.</summary>
    public static string? Child(XContainer? parent, string localName) =>
        parent?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
