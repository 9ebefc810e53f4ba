namespace Guardrail.Functions.Tests;

/// <summary>What reached the network: a snapshot, since the pipeline disposes each request after its attempt.</summary>
internal sealed record SentRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.First(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>The network end of a test pipeline: records what was sent and answers with canned responses in turn.</summary>
internal sealed class CaptureHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> responses;

    public CaptureHandler(params Func<HttpResponseMessage>[] responses)
    {
        this.responses = new Queue<Func<HttpResponseMessage>>(responses);
    }

    public List<SentRequest> Sent { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        headers["host"] = request.RequestUri!.Host;
        Sent.Add(new SentRequest(request.Method, request.RequestUri, headers, body));
        var next = responses.Count > 1 ? responses.Dequeue() : responses.Peek();
        return next();
    }
}
