using System.Text.Json.Nodes;

namespace Guardrail.Cli.Tests;

/// <summary>
/// <c>guardrail invoke --function hook --dry-run --snapshot FILE</c>: the hook's answer to a recorded request
/// (events/hook-*.json, the shapes of AWS's Lambda hooks guide), judged on a snapshot instead of the live paths.
/// </summary>
public sealed class InvokeHookDryRunTests
{
    private static (int Exit, JsonNode? Answer, string Error) Invoke(string request)
    {
        var (exit, output, error) = CliRunner.Run(
            "invoke", "--function", "hook", "--dry-run",
            "--snapshot", Testing.RepoRoot.Of("examples", "paths", "same-account-provisioned.json"),
            "--event", Testing.RepoRoot.Of("events", request));
        return (exit, output.Length > 0 ? JsonNode.Parse(output) : null, error);
    }

    [Theory]
    [InlineData("hook-update-bucket-policy-breaks.json", "FAILED", "bucket ok -> breaks")]
    [InlineData("hook-update-role-drops-managed-policies.json", "FAILED", "identity ok -> breaks")]
    [InlineData("hook-update-bucket-policy-benign.json", "SUCCESS", "keeps Spectrum's access")]
    [InlineData("hook-create-role.json", "SUCCESS", "keeps Spectrum's access")]
    [InlineData("hook-delete-bucket-policy.json", "SUCCESS", "keeps Spectrum's access")]
    [InlineData("hook-stack-operation.json", "SUCCESS", "are not judged")]
    public void The_answer_is_the_hook_s_on_the_snapshot(string request, string status, string said)
    {
        var (exit, answer, error) = Invoke(request);

        Assert.True(exit == 0, error);
        Assert.Equal(status, answer!["hookStatus"]!.GetValue<string>());
        Assert.Equal(status == "FAILED" ? "NonCompliant" : null, answer["errorCode"]?.GetValue<string>());
        Assert.Contains(said, answer["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_snapshot_a_dry_run_says_in_one_line_what_it_needs()
    {
        var (exit, output, error) = CliRunner.Run("invoke", "--function", "hook", "--dry-run", "--event", Testing.RepoRoot.Of("events", "hook-create-role.json"));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("give --snapshot FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_that_is_not_one_is_invalid_input_naming_the_element()
    {
        var (exit, output, error) = CliRunner.RunWithInput(
            """{"requestData": {"targetName": "AWS::S3::Bucket"}}""",
            "invoke", "--function", "hook", "--dry-run", "--snapshot", Testing.RepoRoot.Of("examples", "paths", "same-account-provisioned.json"), "--event", "-");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("clientRequestToken", error, StringComparison.Ordinal);
    }
}
