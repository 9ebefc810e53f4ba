using System.Net;
using Polly;
using Polly.Retry;

namespace Guardrail.Aws.Query;

/// <summary>
/// Retries throttling, 5xx and timeouts with exponential backoff and jitter (Polly), re-sending through the signing
/// handler below it so every attempt carries a fresh signature. After the last attempt the failure surfaces to the
/// caller, and from there fails the invocation: Lambda's own retries and on-failure destination take over. The
/// caller's token (the invocation's deadline) ends an attempt, a backoff wait and the retries at once.
/// </summary>
public sealed class RetryingHandler : DelegatingHandler
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "SlowDown",
    };

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public RetryingHandler(HttpMessageHandler inner, int maxRetries = 4, TimeSpan? baseDelay = null, TimeProvider? timeProvider = null, TimeSpan? attemptTimeout = null)
        : base(inner)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        pipeline = builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    // The response being retried is thrown away; release its connection.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(8))
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffer the body once so every attempt can send it again.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentType = request.Content?.Headers.ContentType;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                using var attempt = new HttpRequestMessage(request.Method, request.RequestUri);
                foreach (var header in request.Headers)
                {
                    attempt.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                if (body is not null)
                {
                    attempt.Content = new ByteArrayContent(body);
                    attempt.Content.Headers.ContentType = contentType;
                }

                var result = await base.SendAsync(attempt, token).ConfigureAwait(false);
                await result.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
                return result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (status == 400)
        {
            // The Query services report throttling as 400 with an error code in the XML body, the JSON ones in "__type".
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return Json.AwsJsonError.Code(body) is { } jsonCode
                ? ThrottlingCodes.Contains(jsonCode)
                : ThrottlingCodes.Any(code => body.Contains($"<Code>{code}</Code>", StringComparison.Ordinal));
        }

        return false;
    }
}
