using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Functions.Runtime;

namespace Guardrail.Functions.Tests.Runtime;

/// <summary>The custom runtime's loop and start-up against a Runtime API stand-in, in process.</summary>
public sealed class RuntimeLoopTests : IDisposable
{
    private readonly RuntimeApiStandIn api = new();
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly StringWriter log = new();

    /// <summary>A complete configuration whose AWS endpoint nothing listens on: building the function reads no AWS.</summary>
    internal static Dictionary<string, string> OfflineEnvironment(string address, string handler) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = address,
        ["_HANDLER"] = handler,
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["GUARDRAIL_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:alerts",
        ["GUARDRAIL_STATE_TABLE"] = "spectrum-guardrail-state",
        ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:role/redshift",
        ["GUARDRAIL_PROTECTED_BUCKETS"] = "amzn-s3-demo-bucket",
        ["GUARDRAIL_ACCOUNT_ID"] = "123456789012",
        ["GUARDRAIL_STATE_KEY_ID"] = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ["GUARDRAIL_TIMEOUT_SECONDS"] = "60",
    };

    private RuntimeLoop Loop(Func<Stream, Task<Stream>> handler) => new(new RuntimeApiClient(api.Address, http), handler, log);

    private static Task<Stream> Answer(string text) => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task One_invocation_is_answered_with_the_handler_response_and_its_trace_and_deadline()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(42).ToUnixTimeMilliseconds());
        string? seenEvent = null, seenTrace = null;
        DateTimeOffset? seenDeadline = null;
        var id = api.Enqueue("{\"hello\":\"wörld\"}", deadline, traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        await Loop(async input =>
        {
            seenEvent = await new StreamReader(input).ReadToEndAsync();
            seenTrace = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            seenDeadline = RuntimeDeadline.Current;
            return await Answer("{\"outcome\":\"ok\"}");
        }).RunOnceAsync(Soon);

        var answer = await api.AnswerAsync(id);
        Assert.Equal(AnswerKind.Response, answer.Kind);
        Assert.Equal("{\"outcome\":\"ok\"}", answer.Body);
        Assert.Equal("{\"hello\":\"wörld\"}", seenEvent);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", seenTrace);
        Assert.Equal(deadline, seenDeadline);
        Assert.Null(RuntimeDeadline.Current);
    }

    [Fact]
    public async Task A_handler_that_throws_is_posted_as_an_invocation_error_escaped_and_cut_and_the_loop_goes_on()
    {
        var failing = api.Enqueue("{}");
        var next = api.Enqueue("{}");
        var calls = 0;
        var loop = Loop(_ => ++calls == 1
            ? throw new InvalidOperationException("bad value \"x\u202e\"\nforged line " + new string('a', 5000))
            : Answer("{\"outcome\":\"ok\"}"));

        await loop.RunOnceAsync(Soon);
        await loop.RunOnceAsync(Soon);

        var error = await api.AnswerAsync(failing);
        Assert.Equal(AnswerKind.Error, error.Kind);
        Assert.Equal("InvalidOperationException", error.ErrorTypeHeader);
        Assert.Equal("application/json", error.ContentType);
        var body = JsonNode.Parse(error.Body)!;
        Assert.Equal("InvalidOperationException", body["errorType"]!.GetValue<string>());
        var message = body["errorMessage"]!.GetValue<string>();
        Assert.StartsWith("bad value \"x\\u202e\"\\nforged line aaa", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.True(message.Length < 2100, $"message of {message.Length} characters");
        Assert.EndsWith("…", message, StringComparison.Ordinal);
        Assert.Contains("\"errorType\":\"InvalidOperationException\"", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(AnswerKind.Response, (await api.AnswerAsync(next)).Kind);
    }

    [Fact]
    public async Task A_response_larger_than_Lambdas_limit_is_an_error_not_a_cut_response()
    {
        var id = api.Enqueue("{}");

        await Loop(_ => Task.FromResult<Stream>(new MemoryStream(new byte[RuntimeApiClient.MaxPayloadBytes + 1]))).RunOnceAsync(Soon);

        var answer = await api.AnswerAsync(id);
        Assert.Equal(AnswerKind.Error, answer.Kind);
        Assert.Equal(RuntimeLoop.ResponseTooLarge, answer.ErrorTypeHeader);
        Assert.Contains("6291456 bytes", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_of_exactly_the_limit_is_posted()
    {
        var id = api.Enqueue("{}");

        await Loop(_ => Task.FromResult<Stream>(new MemoryStream(new byte[RuntimeApiClient.MaxPayloadBytes]))).RunOnceAsync(Soon);

        var answer = await api.AnswerAsync(id);
        Assert.Equal(AnswerKind.Response, answer.Kind);
        Assert.Equal(RuntimeApiClient.MaxPayloadBytes, answer.Body.Length);
    }

    [Fact]
    public async Task The_deadline_header_bounds_the_functions_own_deadline_when_it_comes_first()
    {
        var env = OfflineEnvironment(api.Address, "bucket-policy");
        var host = FunctionHost.FromEnvironment("test", name => env.GetValueOrDefault(name), log);
        TimeSpan soon = default, late = default, none;
        bool workStoppedAtOnce = false;
        var early = api.Enqueue("{}", DateTimeOffset.UtcNow.AddSeconds(3));
        var far = api.Enqueue("{}", DateTimeOffset.UtcNow.AddMinutes(10));
        var past = api.Enqueue("{}", DateTimeOffset.UtcNow.AddSeconds(-1));
        var loop = Loop(_ =>
        {
            var timeout = host.InvocationTimeout();
            if (soon == default)
            {
                soon = timeout;
            }
            else if (late == default)
            {
                late = timeout;
            }
            else
            {
                using var deadline = host.StartDeadline();
                workStoppedAtOnce = timeout == TimeSpan.Zero && deadline.Work.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }

            return Answer("{}");
        });

        await loop.RunOnceAsync(Soon);
        await loop.RunOnceAsync(Soon);
        await loop.RunOnceAsync(Soon);
        none = host.InvocationTimeout();

        Assert.InRange(soon, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3) - RuntimeDeadline.PostMargin);
        Assert.Equal(TimeSpan.FromSeconds(60), late);
        Assert.True(workStoppedAtOnce, "a deadline already past leaves no time for work");
        Assert.Equal(TimeSpan.FromSeconds(60), none);
        foreach (var id in new[] { early, far, past })
        {
            Assert.Equal(AnswerKind.Response, (await api.AnswerAsync(id)).Kind);
        }
    }

    [Fact]
    public async Task A_next_invocation_without_a_request_id_stops_the_runtime_with_exit_code_1()
    {
        api.EnqueueRaw(new NextAnswer(new() { ["Lambda-Runtime-Deadline-Ms"] = "1" }, "{}"));
        var env = OfflineEnvironment(api.Address, "bucket-policy");

        var exit = await RuntimeBootstrap.RunAsync(name => env.GetValueOrDefault(name), log, Soon, http, TextWriter.Null);

        Assert.Equal(1, exit);
        Assert.Contains("Lambda-Runtime-Aws-Request-Id", log.ToString(), StringComparison.Ordinal);
        Assert.False(api.InitErrorPosted);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_next_invocation_without_a_usable_deadline_is_answered_with_an_invocation_error(string? deadline)
    {
        var headers = new Dictionary<string, string> { ["Lambda-Runtime-Aws-Request-Id"] = "req-1" };
        if (deadline is not null)
        {
            headers["Lambda-Runtime-Deadline-Ms"] = deadline;
        }

        api.EnqueueRaw(new NextAnswer(headers, "{}"));
        var called = false;

        await Loop(_ =>
        {
            called = true;
            return Answer("{}");
        }).RunOnceAsync(Soon);

        var answer = await api.AnswerAsync("req-1");
        Assert.Equal(AnswerKind.Error, answer.Kind);
        Assert.Equal(InvalidInvocationException.ErrorType, answer.ErrorTypeHeader);
        Assert.Contains("Lambda-Runtime-Deadline-Ms", answer.Body, StringComparison.Ordinal);
        Assert.False(called);
    }

    [Fact]
    public async Task An_unknown_handler_is_an_init_error_and_exit_code_1()
    {
        var env = OfflineEnvironment(api.Address, "Guardrail.Functions::Guardrail.Functions.NoSuchFunction::Handle");

        var exit = await RuntimeBootstrap.RunAsync(name => env.GetValueOrDefault(name), log, Soon, http, TextWriter.Null);

        Assert.Equal(1, exit);
        var error = await api.InitErrorAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Runtime.NoSuchHandler", error.ErrorTypeHeader);
        Assert.Contains("NoSuchFunction", error.Body, StringComparison.Ordinal);
        Assert.Contains("access-path", error.Body, StringComparison.Ordinal);
        Assert.Equal(0, api.NextCalls);
    }

    [Fact]
    public async Task An_invalid_configuration_is_an_init_error_naming_every_problem_and_exit_code_1()
    {
        var env = OfflineEnvironment(api.Address, "access-path");
        env.Remove("GUARDRAIL_STATE_TABLE");
        env["GUARDRAIL_TIMEOUT_SECONDS"] = "0";

        var exit = await RuntimeBootstrap.RunAsync(name => env.GetValueOrDefault(name), log, Soon, http, TextWriter.Null);

        Assert.Equal(1, exit);
        var error = await api.InitErrorAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Runtime.ConfigInvalid", error.ErrorTypeHeader);
        Assert.Contains("GUARDRAIL_STATE_TABLE", error.Body, StringComparison.Ordinal);
        Assert.Contains("GUARDRAIL_TIMEOUT_SECONDS", error.Body, StringComparison.Ordinal);
        Assert.Contains("the function could not start", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, api.NextCalls);
    }

    [Theory]
    [InlineData("bucket-policy")]
    [InlineData("trust-policy")]
    [InlineData("access-path")]
    [InlineData("drift-scan")]
    [InlineData("path-scan-worker")]
    [InlineData("Guardrail.Functions::Guardrail.Functions.BucketPolicyFunction::Handle")]
    [InlineData("Guardrail.Functions::Guardrail.Functions.PathScanWorkerFunction::Handle")]
    [InlineData("Guardrail.Functions::Guardrail.Functions.DriftScanFunction::Handle")]
    public async Task Each_function_starts_by_its_short_name_or_its_managed_handler_string_and_answers_an_invalid_event_with_an_error(string handler)
    {
        var env = OfflineEnvironment(api.Address, handler);
        var id = api.Enqueue("not json");
        using var stop = new CancellationTokenSource();

        var run = RuntimeBootstrap.RunAsync(name => env.GetValueOrDefault(name), log, stop.Token, http, TextWriter.Null);
        var answer = await api.AnswerAsync(id);
        await stop.CancelAsync();
        // Releases the pending next-invocation call; should the loop take it before it sees the stop, it is answered
        // at once as invalid (an empty object would be judged, and offline that waits on AWS retries).
        api.Enqueue("not json");

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(AnswerKind.Error, answer.Kind);
        Assert.Equal("InvalidEventException", answer.ErrorTypeHeader);
        Assert.False(api.InitErrorPosted);
    }

    [Fact]
    public void Every_catalogued_function_has_its_managed_handler_string()
    {
        Assert.Equal(
            ["bucket-policy", "trust-policy", "access-path", "drift-scan", "path-scan-worker", "hook"],
            FunctionCatalog.Entries.Select(e => e.Name));
        foreach (var entry in FunctionCatalog.Entries)
        {
            Assert.Same(entry, FunctionCatalog.Find(entry.Handler));
            Assert.NotNull(typeof(FunctionHost).Assembly.GetType(entry.Handler.Split("::")[1]));
        }

        Assert.Null(FunctionCatalog.Find("Bucket-Policy"));
        Assert.Null(FunctionCatalog.Find(null));
    }

    public void Dispose()
    {
        api.Dispose();
        http.Dispose();
    }
}
