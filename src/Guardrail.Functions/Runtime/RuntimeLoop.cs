using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Runtime;

/// <summary>
/// The custom runtime's event loop: next invocation, run the handler, post its response — or an invocation error
/// with the exception's type and message. Never silent: every error is posted and logged as one JSON line.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
/// </summary>
public sealed class RuntimeLoop
{
    /// <summary>The error type of a response larger than Lambda's payload limit.</summary>
    public const string ResponseTooLarge = "Function.ResponseSizeTooLarge";

    private readonly RuntimeApiClient client;
    private readonly Func<Stream, Task<Stream>> handler;
    private readonly TextWriter log;

    public RuntimeLoop(RuntimeApiClient client, Func<Stream, Task<Stream>> handler, TextWriter log)
    {
        this.client = client;
        this.handler = handler;
        this.log = log;
    }

    /// <summary>Serves invocations until cancelled.</summary>
    /// <exception cref="RuntimeApiException">The Runtime API failed or answered something unusable.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes one invocation and answers it (response or error).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        RuntimeInvocation invocation;
        try
        {
            invocation = await client.NextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidInvocationException e) when (e.RequestId is { } requestId)
        {
            await FailAsync(requestId, new RuntimeError(InvalidInvocationException.ErrorType, e.Message), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The X-Ray trace header of this invocation, where the AWS SDK and X-Ray look for it.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        byte[]? response;
        RuntimeError? error = null;
        try
        {
            response = await InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            response = null;
            error = RuntimeError.From(e);
        }

        if (response is not null)
        {
            await client.RespondAsync(invocation.RequestId, response, cancellationToken).ConfigureAwait(false);
            return;
        }

        error ??= new RuntimeError(ResponseTooLarge, $"the response is larger than Lambda's limit of {RuntimeApiClient.MaxPayloadBytes} bytes");
        await FailAsync(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]?> InvokeAsync(RuntimeInvocation invocation)
    {
        RuntimeDeadline.Set(invocation.Deadline);
        try
        {
            using var input = new MemoryStream(invocation.Event.ToArray(), writable: false);
            var output = await handler(input).ConfigureAwait(false);
            await using (output.ConfigureAwait(false))
            {
                return await PayloadLimit.ReadAsync(output, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            RuntimeDeadline.Set(null);
        }
    }

    private async Task FailAsync(string requestId, RuntimeError error, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync(LogLine("invocation failed", requestId, error)).ConfigureAwait(false);
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        await client.ReportErrorAsync(requestId, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One JSON log line naming the request and the error (escaped and cut).</summary>
    internal static string LogLine(string message, string? requestId, RuntimeError error)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("level", "ERROR");
            w.WriteString("message", message);
            if (requestId is not null)
            {
                w.WriteString("correlation_id", requestId);
            }

            w.WriteString("errorType", error.HeaderValue);
            w.WriteString("errorMessage", SafeText.Line(error.ErrorMessage));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
