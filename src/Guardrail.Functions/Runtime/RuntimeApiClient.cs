using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Guardrail.Functions.Runtime;

/// <summary>
/// The four calls of the Lambda Runtime API (version 2018-06-01) a custom runtime makes, at
/// <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/</c>: next invocation, invocation response, invocation error,
/// initialization error. https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// </summary>
public sealed class RuntimeApiClient
{
    /// <summary>
    /// Lambda's payload limit for an event and a response (6 MB); a larger response is reported as an error instead.
    /// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    /// </summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private readonly HttpClient http;
    private readonly Uri runtime;

    /// <param name="address">The value of <c>AWS_LAMBDA_RUNTIME_API</c>: host and port, e.g. <c>127.0.0.1:9001</c>.</param>
    /// <param name="http">A client without a timeout: the next-invocation call waits as long as Lambda has no event.</param>
    public RuntimeApiClient(string address, HttpClient http)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (!Uri.TryCreate($"http://{address}/2018-06-01/runtime/", UriKind.Absolute, out var uri) || uri.PathAndQuery != "/2018-06-01/runtime/")
        {
            throw new RuntimeApiException($"AWS_LAMBDA_RUNTIME_API is not a host and port: {Core.Text.SafeText.Quote(address)}");
        }

        this.http = http;
        runtime = uri;
    }

    /// <summary>Waits for the next event.</summary>
    /// <exception cref="RuntimeApiException">The answer has no request id, or the call failed.</exception>
    /// <exception cref="InvalidInvocationException">The answer has a request id but no usable deadline or a too large event.</exception>
    public async Task<RuntimeInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(runtime, "invocation/next"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException($"next invocation: the Runtime API answered {(int)response.StatusCode}");
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id");
        if (requestId is null || requestId.Any(c => c is < '!' or > '~'))
        {
            throw new RuntimeApiException($"next invocation: no usable Lambda-Runtime-Aws-Request-Id ({Core.Text.SafeText.Quote(requestId)})");
        }

        var deadlineText = Header(response, "Lambda-Runtime-Deadline-Ms");
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs) || deadlineMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new InvalidInvocationException($"Lambda-Runtime-Deadline-Ms is not a Unix time in milliseconds: {Core.Text.SafeText.Quote(deadlineText)}") { RequestId = requestId };
        }

        var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidInvocationException($"the event is larger than {MaxPayloadBytes} bytes") { RequestId = requestId };
        return new RuntimeInvocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            body);
    }

    /// <summary><c>POST /runtime/invocation/{id}/response</c>.</summary>
    public Task RespondAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", new ReadOnlyMemoryContent(response), null, cancellationToken);

    /// <summary><c>POST /runtime/invocation/{id}/error</c>.</summary>
    public Task ReportErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", Json(error), error.HeaderValue, cancellationToken);

    /// <summary><c>POST /runtime/init/error</c>: the function could not start; the bootstrap exits after it.</summary>
    public Task ReportInitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync("init/error", Json(error), error.HeaderValue, cancellationToken);

    private static ByteArrayContent Json(RuntimeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var content = new ByteArrayContent(error.ToJson());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(runtime, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"POST {path}: the Runtime API answered {(int)response.StatusCode}");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The body, or null when it is larger than <see cref="MaxPayloadBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxPayloadBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await PayloadLimit.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }
}
