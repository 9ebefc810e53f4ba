using Guardrail.Testing;
using System.Text.Json.Nodes;
using Guardrail.Cli;

namespace Guardrail.Functions.Tests;

/// <summary><c>guardrail invoke</c> through the real CLI parser, on every file of events/.</summary>
[Collection(MotoCollection.Name)]
public sealed class InvokeCommandTests(MotoServer moto)
{
    public static TheoryData<string, string, string, string?> DryRunCases => new()
    {
        { "bucket-put-vpce-lockout", "bucket-policy", "alerted", "breaks" },
        { "bucket-put-policy-as-string", "bucket-policy", "alerted", "breaks" },
        { "bucket-put-presigned-blocked", "bucket-policy", "alerted", "breaks" },
        { "bucket-put-short-signature-age", "bucket-policy", "alerted", "breaks" },
        { "bucket-put-benign", "bucket-policy", "ok", "ok" },
        { "bucket-delete-policy", "bucket-policy", "ok", "ok" },
        { "bucket-put-failed-call", "bucket-policy", "ignored", null },
        { "bucket-put-parameters-omitted", "bucket-policy", "ignored", null },
        { "bucket-put-guardrail-rollback", "bucket-policy", "ok", "ok" },
        { "trust-update-redshift-removed", "trust-policy", "alerted", "breaks" },
        { "trust-update-stranger-added", "trust-policy", "alerted", "ok" },
        { "trust-update-benign", "trust-policy", "ok", "ok" },
        { "drift-scan-schedule", "drift-scan", "ignored", null },
        { "unrelated-s3-put-bucket-tagging", "bucket-policy", "ignored", null },
        { "unrelated-iam-create-role", "trust-policy", "ignored", null },
    };

    private static (int Exit, JsonObject? Json, string Error) Run(Dictionary<string, string> env, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = GuardrailCli.Run(args, new CliEnvironment(Stream.Null, output, error, false, () => DateTimeOffset.UtcNow, Paths.Root, name => env.GetValueOrDefault(name)));
        return (exit, output.ToString().Length > 0 ? JsonNode.Parse(output.ToString())!.AsObject() : null, error.ToString());
    }

    [Theory]
    [MemberData(nameof(DryRunCases))]
    public void Dry_run_judges_the_events_policy_without_aws(string eventFile, string function, string outcome, string? verdict)
    {
        var (exit, json, error) = Run([], "invoke", "--function", function, "--event", $"events/{eventFile}.json", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Equal(outcome, json!["outcome"]!.GetValue<string>());
        Assert.Equal(verdict, json["verdict"]?.GetValue<string>());
        if (outcome == "ignored")
        {
            Assert.False(string.IsNullOrWhiteSpace(json["reason"]!.GetValue<string>()));
        }

        if (outcome == "alerted")
        {
            Assert.True(json["alert"]!["subject"]!.GetValue<string>().Length <= 100);
            Assert.Equal(verdict, json["alert"]!["attributes"]!["verdict"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Dry_run_states_its_assumptions_and_uses_configuration_from_the_environment()
    {
        var assumed = Run([], "invoke", "--function", "bucket-policy", "--event", "events/bucket-put-vpce-lockout.json", "--dry-run");
        var configured = Run(new() { ["GUARDRAIL_SPECTRUM_ROLES"] = "arn:aws:iam::123456789012:role/redshift", ["GUARDRAIL_PROTECTED_BUCKETS"] = "amzn-s3-demo-bucket", ["GUARDRAIL_CLUSTER"] = "serverless", ["GUARDRAIL_VPCE_IDS"] = "vpce-0a1b2c3d4e5f60718", ["GUARDRAIL_ACCOUNT_ID"] = Sandbox.Account }, "invoke", "--function", "bucket-policy", "--event", "events/bucket-put-vpce-lockout.json", "--dry-run");
        var own = Run(new() { ["GUARDRAIL_ACCOUNT_ID"] = Sandbox.Account }, "invoke", "--function", "bucket-policy", "--event", "events/bucket-put-guardrail-rollback.json", "--dry-run");

        Assert.Equal(3, assumed.Json!["assumptions"]!.AsArray().Count);
        Assert.Equal("ok", configured.Json!["outcome"]!.GetValue<string>());
        Assert.Null(configured.Json["assumptions"]);
        // The guardrail's own restore is judged like any other change (it is ok by construction), never ignored by actor.
        Assert.Equal("ok", own.Json!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_dry_run_it_runs_the_handler_against_the_configured_endpoint()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var (exit, json, error) = Run(sandbox.Environment(), "invoke", "--function", "bucket-policy", "--event", "events/bucket-put-vpce-lockout.json");

        Assert.True(exit == 0, error);
        Assert.Equal("alerted", json!["outcome"]!.GetValue<string>());
        Assert.Equal("breaks", json["verdict"]!.GetValue<string>());
        Assert.Single(await sandbox.AlertsAsync());
        Assert.Contains("\"level\":\"WARN\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_that_could_not_judge_exits_1_after_its_alert()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        using var hung = new Fakes.SlowEndpoint();
        var env = sandbox.Environment(("GUARDRAIL_TIMEOUT_SECONDS", "5"), ("AWS_ENDPOINT_URL_S3", hung.Url.ToString()));

        var (exit, _, error) = Run(env, "invoke", "--function", "bucket-policy", "--event", "events/bucket-put-vpce-lockout.json");

        Assert.Equal(1, exit);
        Assert.Contains("could not judge the bucket-policy of s3://amzn-s3-demo-bucket (deadline)", error, StringComparison.Ordinal);
        Assert.Equal("could-not-judge", Assert.Single(await sandbox.AlertsAsync())["MessageAttributes"]!["outcome"]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public void Bad_input_exits_2_with_a_message()
    {
        var missing = Run([], "invoke", "--function", "bucket-policy", "--event", "events/nope.json", "--dry-run");
        var config = Run(new() { ["GUARDRAIL_TOPIC_ARN"] = "x" }, "invoke", "--function", "bucket-policy", "--event", "events/bucket-put-benign.json");
        var function = Run([], "invoke", "--function", "lambda", "--event", "events/bucket-put-benign.json", "--dry-run");

        Assert.Equal(2, missing.Exit);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, config.Exit);
        Assert.Contains("invalid configuration", config.Error, StringComparison.Ordinal);
        Assert.Equal(2, function.Exit);
    }
}
