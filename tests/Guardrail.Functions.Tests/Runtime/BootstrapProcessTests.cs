using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Functions.Runtime;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Runtime;

/// <summary>
/// The real <c>bootstrap</c> process (the JIT build next to the tests, or the Native AOT binary named by
/// <c>GUARDRAIL_BOOTSTRAP</c>, as .ci/run does) served by the Runtime API stand-in, against moto, with the
/// repository's events: its answer must equal the handler's, called in process on the same world.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class BootstrapProcessTests(MotoServer moto)
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "bucket-put-vpce-lockout", "Guardrail.Functions::Guardrail.Functions.BucketPolicyFunction::Handle", true },
        { "bucket-put-benign", "bucket-policy", true },
        { "bucket-put-short-signature-age", "bucket-policy", true },
        { "bucket-delete-policy", "bucket-policy", false },
        { "bucket-put-failed-call", "bucket-policy", false },
        { "unrelated-s3-put-bucket-tagging", "bucket-policy", false },
        { "trust-update-redshift-removed", "Guardrail.Functions::Guardrail.Functions.TrustPolicyFunction::Handle", false },
        { "trust-update-stranger-added", "trust-policy", false },
        { "access-iam-detach-role-policy", "access-path", false },
        { "drift-scan-schedule", "drift-scan", false },
        { "trust-update-benign", "bucket-policy", false },
        { "hook-update-role-drops-managed-policies", "Guardrail.Functions::Guardrail.Functions.HookFunction::Handle", false },
        { "hook-stack-operation", "hook", false },
    };

    /// <summary>The bootstrap to run: <c>GUARDRAIL_BOOTSTRAP</c>, or the JIT build's apphost next to the tests.</summary>
    private static string Bootstrap => Environment.GetEnvironmentVariable("GUARDRAIL_BOOTSTRAP") is { Length: > 0 } path
        ? Path.GetFullPath(path, RepoRoot.Path)
        : Path.Combine(AppContext.BaseDirectory, "bootstrap");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_bootstrap_process_answers_an_event_as_the_handler_does_in_process(string eventName, string handler, bool putPolicy)
    {
        var eventJson = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "events", eventName + ".json"));

        var fromProcess = await RunProcessAsync(eventJson, handler, putPolicy ? eventName : null);
        var inProcess = await RunInProcessAsync(eventJson, handler, putPolicy ? eventName : null);

        Assert.Equal(inProcess.Kind, fromProcess.Kind);
        Assert.True(JsonNode.DeepEquals(Comparable(inProcess.Body), Comparable(fromProcess.Body)), $"in process:\n{inProcess.Body}\nbootstrap:\n{fromProcess.Body}");
        if (inProcess.Kind == AnswerKind.Error)
        {
            Assert.Equal(inProcess.ErrorTypeHeader, fromProcess.ErrorTypeHeader);
        }
    }

    /// <summary>The answer without the SNS message id, which SNS (moto) assigns anew to every publish.</summary>
    private static JsonNode Comparable(string body)
    {
        var node = JsonNode.Parse(body)!;
        if (node is JsonObject result && result["messageId"] is JsonValue id)
        {
            Assert.Matches("^[0-9a-f-]{36}$", id.GetValue<string>());
            result["messageId"] = "(published)";
        }

        return node;
    }

    [Fact]
    public async Task The_bootstrap_process_serves_the_path_scan_worker_with_a_partial_batch_response()
    {
        // A body that is not a scan message and one naming no configured path: both dropped (logged), none retried.
        const string sqsEvent = """{"Records":[{"messageId":"m-1","body":"not a scan message","eventSource":"aws:sqs"},{"messageId":"m-2","body":"{\"scan\":\"20261207T130000Z-0a0b0c0d\",\"path\":\"path#nobody\",\"startedAt\":\"2026-12-07T13:00:00.000Z\",\"paths\":1}","eventSource":"aws:sqs"}]}""";

        var fromProcess = await RunProcessAsync(sqsEvent, "path-scan-worker", null);
        var inProcess = await RunInProcessAsync(sqsEvent, "Guardrail.Functions::Guardrail.Functions.PathScanWorkerFunction::Handle", null);

        Assert.Equal(AnswerKind.Response, fromProcess.Kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"batchItemFailures":[]}"""), JsonNode.Parse(fromProcess.Body)), fromProcess.Body);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(inProcess.Body), JsonNode.Parse(fromProcess.Body)), inProcess.Body);
    }

    [Fact]
    public async Task The_bootstrap_process_reports_an_init_error_and_exits_1_on_a_bad_configuration()
    {
        using var api = new RuntimeApiStandIn();
        var env = RuntimeLoopTests.OfflineEnvironment(api.Address, "drift-scan");
        env["GUARDRAIL_PROTECTED_BUCKETS"] = "Not_A_Bucket";
        using var process = Start(env);

        var error = await api.InitErrorAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("Runtime.ConfigInvalid", error.ErrorTypeHeader);
        Assert.Contains("GUARDRAIL_PROTECTED_BUCKETS", error.Body, StringComparison.Ordinal);
        Assert.Equal(0, api.NextCalls);
    }

    private async Task<Answer> RunProcessAsync(string eventJson, string handler, string? policyOf)
    {
        using var sandbox = await PrepareAsync(policyOf);
        using var api = new RuntimeApiStandIn();
        var env = sandbox.Environment(("AWS_LAMBDA_RUNTIME_API", api.Address), ("_HANDLER", handler));
        using var process = Start(env);
        try
        {
            var id = api.Enqueue(eventJson);
            return await api.AnswerAsync(id, TimeSpan.FromSeconds(90));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private async Task<Answer> RunInProcessAsync(string eventJson, string handler, string? policyOf)
    {
        using var sandbox = await PrepareAsync(policyOf);
        var env = sandbox.Environment();
        var entry = FunctionCatalog.Find(handler)!;
        var function = entry.Create(FunctionHost.FromEnvironment(entry.Name, name => env.GetValueOrDefault(name), TextWriter.Null));
        try
        {
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(eventJson));
            using var output = await function(input);
            return new Answer(AnswerKind.Response, await new StreamReader(output).ReadToEndAsync(), null, null);
        }
        catch (Exception e)
        {
            var error = RuntimeError.From(e);
            return new Answer(AnswerKind.Error, Encoding.UTF8.GetString(error.ToJson()), error.HeaderValue, "application/json");
        }
    }

    private async Task<Sandbox> PrepareAsync(string? policyOf)
    {
        var sandbox = await Sandbox.CreateAsync(moto);
        if (policyOf is not null)
        {
            await sandbox.PutPolicyAsync(Sandbox.Policy(policyOf));
        }

        return sandbox;
    }

    private static Process Start(Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo(Bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
