using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Runtime;

/// <summary>
/// A stand-in for the Lambda Runtime API on 127.0.0.1 (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):
/// <c>GET .../invocation/next</c> waits for a queued invocation and hands it out with its headers; responses,
/// invocation errors and init errors are recorded. (ResponseUrlListener answers by request number only and cannot
/// hold a next-invocation call open or send headers, hence this one.)
/// </summary>
internal sealed class RuntimeApiStandIn : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Channel<NextAnswer> queue = Channel.CreateUnbounded<NextAnswer>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Answer>> answers = new();
    private readonly TaskCompletionSource<Answer> initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task loop;

    public RuntimeApiStandIn()
    {
        var port = Loopback.FreePort();
        Address = $"127.0.0.1:{port}";
        listener.Prefixes.Add($"http://{Address}/");
        listener.Start();
        loop = Task.Run(() => Loopback.ServeAsync(listener, context =>
        {
            // Each request on its own: a next-invocation call stays open until an event is queued.
            _ = Task.Run(() => HandleAsync(context));
            return Task.CompletedTask;
        }));
    }

    /// <summary>What <c>AWS_LAMBDA_RUNTIME_API</c> is set to.</summary>
    public string Address { get; }

    /// <summary>How many next-invocation calls arrived.</summary>
    public int NextCalls => nextCalls;

    private int nextCalls;

    /// <summary>Queues an invocation with the documented headers; returns its request id.</summary>
    public string Enqueue(string body, DateTimeOffset? deadline = null, string? traceId = null, string? requestId = null)
    {
        requestId ??= Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string>
        {
            ["Lambda-Runtime-Aws-Request-Id"] = requestId,
            ["Lambda-Runtime-Deadline-Ms"] = (deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:spectrum-guardrail-test",
        };
        if (traceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = traceId;
        }

        EnqueueRaw(new NextAnswer(headers, body));
        return requestId;
    }

    /// <summary>Queues a next-invocation answer as given (for malformed answers).</summary>
    public void EnqueueRaw(NextAnswer answer) => queue.Writer.TryWrite(answer);

    /// <summary>The response or error posted for the request (waits up to <paramref name="timeout"/>).</summary>
    public Task<Answer> AnswerAsync(string requestId, TimeSpan? timeout = null) =>
        answers.GetOrAdd(requestId, _ => new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>The init error posted (waits up to <paramref name="timeout"/>).</summary>
    public Task<Answer> InitErrorAsync(TimeSpan? timeout = null) => initError.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));

    public bool InitErrorPosted => initError.Task.IsCompleted;

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        const string prefix = "/2018-06-01/runtime/";
        try
        {
            if (context.Request.HttpMethod == "GET" && path == prefix + "invocation/next")
            {
                Interlocked.Increment(ref nextCalls);
                var next = await queue.Reader.ReadAsync();
                foreach (var (name, value) in next.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                await Loopback.AnswerAsync(context, 200, next.Body);
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var answer = new Answer(path.EndsWith("/response", StringComparison.Ordinal) ? AnswerKind.Response : AnswerKind.Error, body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"], context.Request.ContentType);
            if (context.Request.HttpMethod == "POST" && path == prefix + "init/error")
            {
                initError.TrySetResult(answer);
                await Loopback.AnswerAsync(context, 202, "{\"status\":\"OK\"}");
                return;
            }

            var parts = path[prefix.Length..].Split('/');
            if (context.Request.HttpMethod == "POST" && parts is ["invocation", var id, "response" or "error"])
            {
                answers.GetOrAdd(Uri.UnescapeDataString(id), _ => new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(answer);
                await Loopback.AnswerAsync(context, 202, "{\"status\":\"OK\"}");
                return;
            }

            await Loopback.AnswerAsync(context, 404, "{\"errorMessage\":\"unknown path\"}");
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or ChannelClosedException)
        {
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}

/// <summary>A next-invocation answer: its headers and body.</summary>
internal sealed record NextAnswer(Dictionary<string, string> Headers, string Body);

internal enum AnswerKind
{
    Response,
    Error,
}

/// <summary>What the runtime posted: a response or an error, its body, the error-type header and content type.</summary>
internal sealed record Answer(AnswerKind Kind, string Body, string? ErrorTypeHeader, string? ContentType);
