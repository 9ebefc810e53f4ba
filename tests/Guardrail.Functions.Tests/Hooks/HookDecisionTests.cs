using System.Text.Json.Nodes;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Functions.Hooks;

namespace Guardrail.Functions.Tests.Hooks;

/// <summary>
/// The hook's one decision and its answer, in the shapes of AWS's Lambda hooks guide
/// (https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/lambda-hooks-create-lambda-function.html).
/// </summary>
public sealed class HookDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static HookRequest Request(string file) => HookRequest.Parse(File.ReadAllText(Path.Combine(Paths.Root, "events", file)));

    private static PathSnapshot Live() => SnapshotReader.Read(File.ReadAllText(Path.Combine(Paths.Root, "examples", "paths", "same-account-provisioned.json")));

    private static ChangeVerdict Judge(HookRequest request)
    {
        var policy = request.Properties!.Value.GetProperty("PolicyDocument").GetRawText();
        var change = new BucketPolicyChange(new ChangeSource("stack lake-storage", request.LogicalId, null), "example-lake", new Proposed<PolicyText>.Set(PolicyText.Of(policy)));
        return ChangeJudge.Judge(Live(), [change], Now);
    }

    [Fact]
    public void A_request_is_read_with_its_action_target_and_properties()
    {
        var request = Request("hook-update-bucket-policy-breaks.json");

        Assert.Equal(HookAction.Update, request.Action);
        Assert.Equal(("AWS::S3::BucketPolicy", "LakeBucketPolicy"), (request.TargetName, request.LogicalId));
        Assert.Equal(("lake-storage", "us-east-1", "111122223333"), (request.Stack, request.Region, request.Account));
        Assert.NotNull(request.PreviousProperties);
    }

    [Fact]
    public void A_stack_operation_has_no_properties_to_judge()
    {
        var request = Request("hook-stack-operation.json");

        Assert.Null(request.Properties);
        Assert.Equal("STACK", request.TargetName);
    }

    [Theory]
    [InlineData("{}", "requestData")]
    [InlineData("""{"requestData": {"targetName": "AWS::S3::Bucket"}}""", "clientRequestToken")]
    [InlineData("""{"clientRequestToken": "t", "requestData": []}""", "requestData is not an object")]
    [InlineData("[1", "not a CloudFormation hook request")]
    public void Anything_else_is_an_invalid_invocation_naming_the_element(string json, string named)
    {
        var e = Assert.Throws<Guardrail.Functions.Runtime.InvalidInvocationException>(() => HookRequest.Parse(json));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_breaking_update_fails_as_non_compliant_naming_the_path_hop_rule_and_fix()
    {
        var request = Request("hook-update-bucket-policy-breaks.json");

        var response = HookDecision.Decide(request, [new JudgedPath("sales", Judge(request))], [], 1);

        Assert.Equal(HookStatus.Failed, response.Status);
        var json = JsonNode.Parse(response.ToJson())!;
        Assert.Equal("FAILED", json["hookStatus"]!.GetValue<string>());
        Assert.Equal("NonCompliant", json["errorCode"]!.GetValue<string>());
        Assert.Equal(request.ClientRequestToken, json["clientRequestToken"]!.GetValue<string>());
        var message = json["message"]!.GetValue<string>();
        Assert.Contains("Spectrum path sales breaks (bucket ok -> breaks)", message, StringComparison.Ordinal);
        Assert.Contains("[vpce-restriction]", message, StringComparison.Ordinal);
        Assert.Contains("Fix:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_benign_update_succeeds_without_error_code()
    {
        var request = Request("hook-update-bucket-policy-benign.json");

        var response = HookDecision.Decide(request, [new JudgedPath("sales", Judge(request))], [], 1);

        Assert.Equal(HookStatus.Success, response.Status);
        var json = JsonNode.Parse(response.ToJson())!;
        Assert.Null(json["errorCode"]);
        Assert.Contains("keeps Spectrum's access (1 of 1 concerned paths ok)", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_could_not_be_judged_passes_with_a_warning_never_silently()
    {
        var request = Request("hook-update-bucket-policy-breaks.json");

        var response = HookDecision.Decide(request, [], [new UnjudgedPath("sales", "the hook's time ran out first")], 1);

        Assert.Equal(HookStatus.Success, response.Status);
        Assert.Contains("WARNING: Spectrum path sales was not judged: the hook's time ran out first", response.SentMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_is_cut_at_CloudFormation_s_4096_characters_never_inside_a_surrogate_pair()
    {
        var long_ = new string('x', HookResponse.MaxMessage - 5) + "😀😀😀😀😀";

        var sent = new HookResponse(HookStatus.Failed, long_, "t").SentMessage;

        Assert.True(sent.Length <= HookResponse.MaxMessage, $"{sent.Length} characters");
        Assert.EndsWith(" […]", sent, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(sent[^5]));
    }
}
