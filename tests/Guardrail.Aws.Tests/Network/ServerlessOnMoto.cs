using System.Text;

namespace Guardrail.Aws.Tests.Network;

/// <summary>
/// The network end of the Query and JSON clients: Redshift Serverless (which moto lacks) answers with recorded
/// bodies, every other request goes on to moto.
/// </summary>
internal sealed class ServerlessOnMoto(string getNamespace, string getWorkgroup) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        var body = target switch
        {
            "RedshiftServerless.GetNamespace" => getNamespace,
            "RedshiftServerless.GetWorkgroup" => getWorkgroup,
            _ => null,
        };
        return body is null
            ? base.SendAsync(request, cancellationToken)
            : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") });
    }
}
