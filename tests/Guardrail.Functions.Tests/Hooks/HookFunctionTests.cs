using System.Diagnostics;
using System.Text.Json.Nodes;
using Guardrail.Functions.Tests.AccessPath;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Hooks;

/// <summary>
/// The hook function end to end on moto: a recorded request (events/hook-*.json, the shapes of AWS's Lambda hooks
/// guide) about the sandbox's protected bucket, judged on the path's live state.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class HookFunctionTests(MotoServer moto)
{
    private static string Request(string file) =>
        File.ReadAllText(Path.Combine(Paths.Root, "events", file))
            .Replace("example-lake", Sandbox.Bucket, StringComparison.Ordinal)
            .Replace("111122223333", PathWorld.Account, StringComparison.Ordinal);

    private static async Task<JsonObject> AnswerAsync(FunctionHost host, string request) =>
        await Sandbox.InvokeAsync(new HookFunction(host).Handle, request);

    [Fact]
    public async Task A_bucket_policy_update_that_cuts_Spectrum_fails_non_compliant_and_a_benign_one_succeeds()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var host = world.Host();

        var breaking = await AnswerAsync(host, Request("hook-update-bucket-policy-breaks.json"));
        var benign = await AnswerAsync(host, Request("hook-update-bucket-policy-benign.json"));

        Assert.Equal("FAILED", breaking["hookStatus"]!.GetValue<string>());
        Assert.Equal("NonCompliant", breaking["errorCode"]!.GetValue<string>());
        Assert.Equal("4b90a7e4-b790-456b-a937-0cfdfa211dfe", breaking["clientRequestToken"]!.GetValue<string>());
        var message = breaking["message"]!.GetValue<string>();
        Assert.Contains("bucket ok -> breaks", message, StringComparison.Ordinal);
        Assert.Contains("[vpce-restriction]", message, StringComparison.Ordinal);
        Assert.True(message.Length <= 4096);

        Assert.Equal("SUCCESS", benign["hookStatus"]!.GetValue<string>());
        Assert.Null(benign["errorCode"]);

        // The hook only reads: the live bucket policy is the one the stack had, untouched by either answer.
        Assert.Empty(await world.Sandbox.AlertsAsync());
    }

    [Fact]
    public async Task Deleting_the_bucket_policy_keeps_a_same_account_path_and_a_stack_operation_is_not_judged()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var host = world.Host();

        var deleted = await AnswerAsync(host, Request("hook-delete-bucket-policy.json"));
        var stack = await AnswerAsync(host, Request("hook-stack-operation.json"));

        // The same-account role reads through its own identity policy: no bucket policy is needed.
        Assert.Equal("SUCCESS", deleted["hookStatus"]!.GetValue<string>());
        Assert.Contains("keeps Spectrum's access", deleted["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("SUCCESS", stack["hookStatus"]!.GetValue<string>());
        Assert.Contains("are not judged", stack["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_judge_that_cannot_finish_in_time_answers_success_with_a_warning_before_the_deadline()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var host = world.CountingHost(() => new HangingHandler(), ("GUARDRAIL_TIMEOUT_SECONDS", "3"));
        var clock = Stopwatch.StartNew();

        var answer = await AnswerAsync(host, Request("hook-update-bucket-policy-breaks.json"));

        clock.Stop();
        Assert.Equal("SUCCESS", answer["hookStatus"]!.GetValue<string>());
        Assert.Contains("was not judged: the hook's time ran out", answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"answered after {clock.Elapsed}");
    }

    /// <summary>An AWS that never answers the Query clients (IAM, Redshift...): each call waits until it is cancelled.</summary>
    private sealed class HangingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
