using System.Net;
using System.Text;

namespace Guardrail.Aws.Tests;

/// <summary>A request the pipeline sent, kept after the pipeline disposed it.</summary>
internal sealed record SentRequest(string Operation, string Target, string ContentType, string Authorization, string Body);

/// <summary>
/// The network end of a Query or JSON client's pipeline, answering each operation (the <c>X-Amz-Target</c> suffix
/// or the Query <c>Action</c>) with responses recorded from AWS, in turn (the last one repeats).
/// </summary>
internal sealed class RecordedAws : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<HttpResponseMessage>>> answers = new(StringComparer.Ordinal);

    public List<SentRequest> Sent { get; } = [];

    public RecordedAws Answer(string operation, params Func<HttpResponseMessage>[] responses)
    {
        answers[operation] = new Queue<Func<HttpResponseMessage>>(responses);
        return this;
    }

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };

    public static HttpResponseMessage Xml(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    public static HttpResponseMessage XmlError(string code, HttpStatusCode status = HttpStatusCode.Forbidden) =>
        Xml($"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>User: arn:aws:sts::123456789012:assumed-role/auditor/me is not authorized</Message></Error><RequestId>rec-1</RequestId></ErrorResponse>", status);

    public static HttpResponseMessage JsonError(string type, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Json($$"""{"__type":"{{type}}","message":"recorded {{type}}"}""", status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        var operation = target.Length > 0
            ? target[(target.LastIndexOf('.') + 1)..]
            : body.Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "Action")[1];
        var authorization = request.Headers.TryGetValues("Authorization", out var signed) ? string.Join(",", signed) : string.Empty;
        Sent.Add(new SentRequest(operation, target, request.Content?.Headers.ContentType?.MediaType ?? string.Empty, authorization, body));
        if (!answers.TryGetValue(operation, out var queue))
        {
            return XmlError("NotRecorded", HttpStatusCode.NotImplemented);
        }

        return (queue.Count > 1 ? queue.Dequeue() : queue.Peek())();
    }
}
