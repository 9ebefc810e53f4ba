using System.Net;

namespace Guardrail.Functions.Tests;

/// <summary>Fails the first <c>failures</c> requests with a status code (or forever with -1), then lets requests through to the real server.</summary>
internal sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly HttpStatusCode status;
    private int failuresLeft;

    public FaultInjectingHandler(int failures, HttpStatusCode status)
        : base(new SocketsHttpHandler())
    {
        failuresLeft = failures;
        this.status = status;
    }

    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        if (failuresLeft != 0)
        {
            failuresLeft--;
            var body = status == HttpStatusCode.BadRequest
                ? "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>injected</RequestId></ErrorResponse>"
                : "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>injected failure</Message></Error><RequestId>injected</RequestId></ErrorResponse>";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }

        return base.SendAsync(request, cancellationToken);
    }
}
