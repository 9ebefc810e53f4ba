using System.Net;
using System.Text;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// The network end of the Query clients' pipeline: answers one IAM action itself (as AWS refusing it, or as a write
/// AWS acknowledges but that never lands) and sends every other request to the real server.
/// </summary>
internal sealed class AnsweringHandler(string action, HttpStatusCode status, string body, string? onlyRole = null) : DelegatingHandler(new SocketsHttpHandler())
{
    /// <summary>AWS refusing <paramref name="action"/> for want of the permission (on <paramref name="onlyRole"/> only, when given).</summary>
    public static AnsweringHandler Refusing(string action, string? onlyRole = null) => new(action, HttpStatusCode.Forbidden, onlyRole: onlyRole, body: $"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/SpectrumGuardrailAccessPathRole/guardrail is not authorized to perform: iam:{action}</Message></Error><RequestId>refused</RequestId></ErrorResponse>");

    /// <summary>AWS acknowledging <paramref name="action"/> without doing it.</summary>
    public static AnsweringHandler Swallowing(string action) => new(action, HttpStatusCode.OK, $"<{action}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>swallowed</RequestId></ResponseMetadata></{action}Response>");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var fields = content.Split('&');
        return fields.Contains($"Action={action}") && (onlyRole is null || fields.Contains($"RoleName={onlyRole}"))
            ? new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") }
            : await base.SendAsync(request, cancellationToken);
    }
}
