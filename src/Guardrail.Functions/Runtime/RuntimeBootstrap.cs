using Guardrail.Core.Text;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Runtime;

/// <summary>
/// What the <c>bootstrap</c> executable does (the <c>provided.al2023</c> runtime starts it): find the function
/// <c>_HANDLER</c> names, build it from the environment (configuration validated here, at cold start), then serve
/// invocations. A function that cannot start is reported with <c>POST /runtime/init/error</c> and the process exits 1;
/// so does a Runtime API that answers something unusable (Lambda then starts a new environment).
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-initerror
/// </summary>
public static class RuntimeBootstrap
{
    // The next-invocation call waits for as long as there is no event: no client timeout.
    private static readonly HttpClient SharedHttp = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Runs until cancelled (exit code 0), or returns 1 after an initialization or Runtime API failure.</summary>
    public static async Task<int> RunAsync(Func<string, string?> environment, TextWriter log, CancellationToken cancellationToken, HttpClient? http = null, TextWriter? functionLog = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        RuntimeApiClient client;
        try
        {
            client = new RuntimeApiClient(environment("AWS_LAMBDA_RUNTIME_API") ?? string.Empty, http ?? SharedHttp);
        }
        catch (Exception e) when (e is RuntimeApiException or ArgumentException)
        {
            await log.WriteLineAsync(RuntimeLoop.LogLine("no Runtime API to serve (AWS_LAMBDA_RUNTIME_API)", null, RuntimeError.From(e))).ConfigureAwait(false);
            return 1;
        }

        Func<Stream, Task<Stream>> handler;
        try
        {
            handler = Start(environment, functionLog);
        }
        catch (Exception e)
        {
            var error = e switch
            {
                GuardrailConfigException => new RuntimeError("Runtime.ConfigInvalid", e.Message),
                NoSuchHandlerException => new RuntimeError("Runtime.NoSuchHandler", e.Message),
                _ => RuntimeError.From(e),
            };
            await log.WriteLineAsync(RuntimeLoop.LogLine("the function could not start", null, error)).ConfigureAwait(false);
            try
            {
                await client.ReportInitErrorAsync(error, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception report) when (report is HttpRequestException or RuntimeApiException)
            {
                await log.WriteLineAsync(RuntimeLoop.LogLine("the init error could not be reported", null, RuntimeError.From(report))).ConfigureAwait(false);
            }

            return 1;
        }

        try
        {
            await new RuntimeLoop(client, handler, log).RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
        {
            await log.WriteLineAsync(RuntimeLoop.LogLine("the Runtime API failed", null, RuntimeError.From(e))).ConfigureAwait(false);
            return 1;
        }
    }

    private static Func<Stream, Task<Stream>> Start(Func<string, string?> environment, TextWriter? functionLog)
    {
        var name = environment("_HANDLER");
        var entry = FunctionCatalog.Find(name)
            ?? throw new NoSuchHandlerException($"_HANDLER {SafeText.Quote(name)} names no function; expected one of {string.Join(", ", FunctionCatalog.Entries.Select(e => e.Name))} or their managed handler strings");
        return entry.Create(FunctionHost.FromEnvironment(entry.Name, environment, functionLog));
    }

    private sealed class NoSuchHandlerException(string message) : Exception(message);
}
