using System.Net;
using System.Text;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// The network end of the Query clients' pipeline: refuses one IAM action as AWS does when the function's role lacks
/// the permission (403, <c>AccessDenied</c>), and sends every other request to the real server.
/// </summary>
internal sealed class RefusingHandler(string action) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        if (body.Split('&').Contains($"Action={action}"))
        {
            var error = $"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/SpectrumGuardrailAccessPathRole/guardrail is not authorized to perform: iam:{action}</Message></Error><RequestId>refused</RequestId></ErrorResponse>";
            return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(error, Encoding.UTF8, "text/xml") };
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
