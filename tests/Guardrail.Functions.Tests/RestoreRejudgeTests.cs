using System.Text.Json.Nodes;
using Guardrail.Aws.State;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Tests.Fakes;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Whatever the known-good record holds — including states a MAC'd record can still carry, such as a policy judged ok
/// by older rules — the guardrail writes only a policy its own judge rates ok for Spectrum and not weakened, re-judged
/// right before the write.
/// </summary>
public sealed class RestoreRejudgeTests
{
    private const string Bucket = $"arn:aws:s3:::{Sandbox.Bucket}";

    /// <summary>Statements a known-good record may hold: the seed's own, and ones that weaken or break the bucket.</summary>
    private static readonly JsonObject[] Pool =
    [
        Statement("BucketPolicyForSpectrum", "Allow", new JsonObject { ["AWS"] = new JsonArray(Sandbox.RoleArn) }, new JsonArray("s3:GetObject", "s3:List*"), new JsonObject { ["StringEquals"] = new JsonObject { ["aws:UserAgent"] = "AWS Redshift/Spectrum" } }),
        Statement("DenyInsecureTransport", "Deny", "*", "s3:*", new JsonObject { ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "false" } }),
        Statement("Backdoor", "Allow", new JsonObject { ["AWS"] = "arn:aws:iam::666666666666:root" }, new JsonArray("s3:GetObject", "s3:PutBucketPolicy"), null),
        Statement("Public", "Allow", "*", "s3:GetObject", null),
        Statement("Everything", "Allow", new JsonObject { ["AWS"] = Sandbox.RoleArn }, "s3:*", null),
        Statement("DenyAll", "Deny", "*", "s3:GetObject", null),
        Statement("DenyOutsideEndpoint", "Deny", "*", "s3:*", new JsonObject { ["StringNotEquals"] = new JsonObject { ["aws:SourceVpce"] = "vpce-0a1b2c3d4e5f60718" } }),
    ];

    private static JsonObject Statement(string sid, string effect, JsonNode principal, JsonNode action, JsonObject? condition)
    {
        var statement = new JsonObject { ["Sid"] = sid, ["Effect"] = effect, ["Principal"] = principal.DeepClone(), ["Action"] = action.DeepClone(), ["Resource"] = new JsonArray(Bucket, $"{Bucket}/*") };
        if (condition is not null)
        {
            statement["Condition"] = condition.DeepClone();
        }

        return statement;
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_rollback_never_writes_a_policy_its_own_judge_rates_breaks_at_risk_or_weakened(int seed)
    {
        var random = new Random(seed);
        var chosen = Pool.Where(_ => random.Next(3) == 0).Select(s => (JsonNode)s.DeepClone()).ToArray();
        var knownGoodText = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(chosen.Length == 0 ? [Pool[0].DeepClone()] : chosen) }.ToJsonString();
        var h = new ProcessorHarness();
        var knownGood = h.Kind.Judge(knownGoodText);
        await h.State.PutKnownGoodAsync(new KnownGoodPolicy(h.Kind.Key, knownGoodText, knownGood.Hash, "older", h.Time.GetUtcNow(), "older rules"), default);
        h.PutLockout();

        var result = await h.RunAsync("bucket-put-vpce-lockout");

        if (h.Store.Writes > 0)
        {
            Assert.True(h.Kind.Judge(h.Store.Live).IsOk, $"wrote {h.Store.Live}");
            Assert.Equal(Outcome.RolledBack, result.Outcome);
        }
        else
        {
            Assert.False(knownGood.IsOk);
            Assert.Equal((Outcome.RollbackRefused, OutcomeReason.KnownGoodNotOk), (result.Outcome, result.ReasonCode));
        }

        Assert.Equal(knownGood.IsOk, h.Store.Writes > 0);
    }
}
