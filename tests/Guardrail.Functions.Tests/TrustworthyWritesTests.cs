using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Guardrail.Aws.Iam;
using Guardrail.Core.Changes;
using Guardrail.Core.Parsing;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests;

/// <summary>
/// The guardrail as an attacker would use it, against moto: someone with write access to the state table (and no use
/// of the MAC key) plants a document, a lease, a history or an alert marker; someone who can invoke the function sends
/// a forged event. The planted document never goes live, each plant is alerted once at critical severity, and no
/// decision follows a forgeable field.
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class TrustworthyWritesTests(MotoServer moto)
{
    private const string BucketKey = $"bucket#{Sandbox.Bucket}";
    private const string Backdoor = "arn:aws:iam::666666666666:root";
    private static readonly (string, string) RollbackOn = ("GUARDRAIL_ROLLBACK", "true");

    private static Task<JsonObject> BucketAsync(FunctionHost host, string eventJson) => Sandbox.InvokeAsync(new BucketPolicyFunction(host).Handle, eventJson);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static async Task<FunctionHost> KnownGoodBucketAsync(Sandbox sandbox, params (string, string)[] settings)
    {
        var host = sandbox.Host(settings);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));
        Assert.Equal("ok", Text((await BucketAsync(host, Sandbox.Event("bucket-put-benign")))["outcome"]));
        return host;
    }

    /// <summary>The benign policy plus a statement that lets another account read everything and rewrite the policy.</summary>
    private static string WithBackdoor(string policy)
    {
        var document = JsonNode.Parse(policy)!.AsObject();
        document["Statement"]!.AsArray().Add(new JsonObject
        {
            ["Sid"] = "Backdoor",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = Backdoor },
            ["Action"] = new JsonArray("s3:GetObject", "s3:PutBucketPolicy"),
            ["Resource"] = new JsonArray($"arn:aws:s3:::{Sandbox.Bucket}", $"arn:aws:s3:::{Sandbox.Bucket}/*"),
        });
        return document.ToJsonString();
    }

    private static void AssertCritical(JsonObject alert, string item)
    {
        Assert.Equal("critical", Text(alert["MessageAttributes"]!["severity"]!["Value"]));
        var body = JsonNode.Parse(Text(alert["Message"]))!;
        Assert.Contains(body["stateTampered"]!.AsArray(), t => Text(t!["item"]) == item);
    }

    [Fact]
    public async Task A_planted_known_good_bucket_policy_with_a_recomputed_hash_is_never_restored()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        var planted = WithBackdoor(Sandbox.Policy("bucket-put-benign"));
        await sandbox.Tamperer.PlantKnownGoodAsync(BucketKey, planted, PolicyHash.Of(PolicyParser.Parse(planted, PolicyKind.Bucket)));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal(("rollback-refused", "state-tampered"), (Text(result["outcome"]), Text(result["reasonCode"])));
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-vpce-lockout"), await sandbox.LivePolicyAsync()));
        Assert.DoesNotContain(Backdoor, await sandbox.LivePolicyAsync() ?? string.Empty, StringComparison.Ordinal);
        var alert = Assert.Single(await sandbox.AlertsAsync());
        AssertCritical(alert, $"knowngood#{BucketKey}");
        Assert.StartsWith("[STATE TAMPERED]", Text(alert["Subject"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planted_known_good_trust_policy_is_never_restored()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host(RollbackOn);
        Assert.Equal("ok", Text((await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("trust-update-benign")))["outcome"]));
        var planted = Sandbox.Policy("trust-update-stranger-added");
        await sandbox.Tamperer.PlantKnownGoodAsync("role#redshift", planted, PolicyHash.Of(PolicyParser.Parse(planted, PolicyKind.Trust)));
        await sandbox.IamQuery.CallAsync("UpdateAssumeRolePolicy", [new("RoleName", "redshift"), new("PolicyDocument", Sandbox.Policy("trust-update-redshift-removed"))], CancellationToken.None);

        var result = await Sandbox.InvokeAsync(new TrustPolicyFunction(host).Handle, Sandbox.Event("trust-update-redshift-removed"));

        Assert.Equal(("rollback-refused", "state-tampered"), (Text(result["outcome"]), Text(result["reasonCode"])));
        var live = (await new QueryIamRoles(sandbox.IamQuery).GetTrustPolicyAsync("redshift", CancellationToken.None)).PolicyDocument;
        Assert.DoesNotContain("210987654321", live, StringComparison.Ordinal);
        AssertCritical(Assert.Single(await sandbox.AlertsAsync()), "knowngood#role#redshift");
    }

    [Fact]
    public async Task A_known_good_record_without_a_mac_is_never_restored_and_the_next_ok_state_is_recorded_signed()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        var item = (await sandbox.Tamperer.GetAsync($"knowngood#{BucketKey}"))!;
        item.Remove("mac");
        await sandbox.Tamperer.PutAsync(item);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var refused = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-benign"));
        var ok = await BucketAsync(host, Sandbox.Event("bucket-put-benign", e => e["detail"]!["eventID"] = "re-recorded"));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        var restored = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout", e => e["detail"]!["eventID"] = "after"));

        Assert.Equal(("rollback-refused", "state-tampered"), (Text(refused["outcome"]), Text(refused["reasonCode"])));
        Assert.Equal("ok", Text(ok["outcome"]));
        Assert.NotNull((await sandbox.Tamperer.GetAsync($"knowngood#{BucketKey}"))!.GetValueOrDefault("mac"));
        Assert.Equal("rolled-back", Text(restored["outcome"]));
    }

    [Fact]
    public async Task An_endless_lease_is_not_obeyed_the_rollback_happens_and_the_plant_is_alerted()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        await sandbox.Tamperer.PlantEndlessLeaseAsync(BucketKey);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rolled-back", Text(result["outcome"]));
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync()));
        AssertCritical(Assert.Single(await sandbox.AlertsAsync()), $"rollbacks#{BucketKey}");
    }

    [Fact]
    public async Task A_lease_item_whose_mac_is_not_a_string_does_not_block_the_rollback()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        await sandbox.Tamperer.PutAsync(new() { ["pk"] = new() { S = $"rollbacks#{BucketKey}" }, ["mac"] = new() { N = "0" }, ["leaseUntil"] = new() { N = "99999999999999" } });
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rolled-back", Text(result["outcome"]));
        AssertCritical(Assert.Single(await sandbox.AlertsAsync()), $"rollbacks#{BucketKey}");
    }

    [Fact]
    public async Task A_planted_history_does_not_open_the_circuit_breaker()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        await sandbox.Tamperer.PlantHistoryAsync(BucketKey, DateTimeOffset.UtcNow, 10);
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rolled-back", Text(result["outcome"]));
        AssertCritical(Assert.Single(await sandbox.AlertsAsync()), $"rollbacks#{BucketKey}");
    }

    [Fact]
    public async Task A_planted_alert_marker_does_not_silence_the_drift_scan()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        var hash = PolicyHash.Of(PolicyParser.Parse(Sandbox.Policy("bucket-put-vpce-lockout"), PolicyKind.Bucket));
        await sandbox.Tamperer.PlantAlertedAsync(BucketKey, hash);

        var scan = await Sandbox.InvokeAsync(new DriftScanFunction(host).Handle, Sandbox.Event("drift-scan-schedule"));

        Assert.Contains(scan["resources"]!.AsArray(), r => Text(r!["resource"]!["type"]) == "bucket-policy" && Text(r["outcome"]) == "alerted");
        AssertCritical(Assert.Single(await sandbox.AlertsAsync(), a => Text(a["MessageAttributes"]!["resourceType"]!["Value"]) == "bucket-policy"), $"alerted#{BucketKey}");
    }

    [Fact]
    public async Task A_planted_completed_claim_does_not_turn_the_real_event_into_a_duplicate()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        var eventJson = Sandbox.Event("bucket-put-vpce-lockout");
        var claimKey = Processing.PolicyChangeProcessor.ClaimKey(Processing.ResourceResolver.Resolve(Events.EventParser.Parse(eventJson), host.Config, TimeProvider.System)!, Events.EventParser.Parse(eventJson));
        await sandbox.Tamperer.PutAsync(new() { ["pk"] = new() { S = $"event#{claimKey}" }, ["state"] = new() { S = "completed" } });
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await BucketAsync(host, eventJson);

        Assert.Equal("rolled-back", Text(result["outcome"]));
        AssertCritical(Assert.Single(await sandbox.AlertsAsync()), $"event#{claimKey}");
    }

    [Fact]
    public async Task A_forged_copy_of_a_real_event_that_names_a_break_glass_actor_neither_spares_the_change_nor_hides_the_real_event()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn, ("GUARDRAIL_BREAK_GLASS_ROLES", "arn:aws:iam::123456789012:role/BreakGlass"));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        var forged = Sandbox.Event("bucket-put-vpce-lockout", e =>
        {
            e["detail"]!["userIdentity"]!["arn"] = "arn:aws:sts::123456789012:assumed-role/BreakGlass/attacker";
            e["detail"]!["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"] = "arn:aws:iam::123456789012:role/BreakGlass";
        });

        var forgedResult = await BucketAsync(host, forged);
        var realResult = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rolled-back", Text(forgedResult["outcome"]));
        Assert.NotEqual("duplicate", Text(realResult["outcome"]));
        Assert.True(Sandbox.SamePolicy(Sandbox.Policy("bucket-put-benign"), await sandbox.LivePolicyAsync()));
    }

    [Fact]
    public async Task A_break_glass_marker_that_opens_a_window_longer_than_twelve_hours_is_not_obeyed()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox, RollbackOn);
        await sandbox.SetBreakGlassAsync(Sandbox.UtcText(DateTimeOffset.UtcNow.AddDays(30)));
        await sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));

        var result = await BucketAsync(host, Sandbox.Event("bucket-put-vpce-lockout"));

        Assert.Equal("rolled-back", Text(result["outcome"]));
        AssertCritical(Assert.Single(await sandbox.AlertsAsync()), $"ssm:{Sandbox.BreakGlassParameter}");
    }

    [Fact]
    public async Task The_event_recipient_account_never_decides_same_or_cross_account()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = sandbox.Host();

        var forged = await BucketAsync(host, Sandbox.Event("bucket-delete-policy", e => e["detail"]!["recipientAccountId"] = "999999999999"));
        var real = await BucketAsync(host, Sandbox.Event("bucket-delete-policy", e => e["detail"]!["eventID"] = "real"));

        Assert.Equal(Text(real["verdict"]), Text(forged["verdict"]));
        Assert.DoesNotContain("missing-cross-account-grant", forged.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_are_written_with_a_mac_that_covers_every_attribute_and_the_key()
    {
        using var sandbox = await Sandbox.CreateAsync(moto);
        var host = await KnownGoodBucketAsync(sandbox);
        var item = (await sandbox.Tamperer.GetAsync($"knowngood#{BucketKey}"))!;
        var state = Aws.State.DynamoDbGuardrailState.Create(new Aws.AwsEndpoints(name => sandbox.Environment().GetValueOrDefault(name)), Sandbox.Table, Aws.State.KmsStateSealer.Create(new Aws.AwsEndpoints(name => sandbox.Environment().GetValueOrDefault(name)), sandbox.StateKeyArn));

        // The same item under another key (moved, not changed) does not verify either.
        await sandbox.Tamperer.PutAsync(new Dictionary<string, AttributeValue>(item) { ["pk"] = new() { S = "knowngood#bucket#other-bucket" } });
        var moved = await state.GetKnownGoodAsync("bucket#other-bucket", default);
        var original = await state.GetKnownGoodAsync(BucketKey, default);
        await sandbox.Tamperer.ChangeAsync($"knowngood#{BucketKey}", ("actor", new AttributeValue { S = "someone else" }));
        var changed = await state.GetKnownGoodAsync(BucketKey, default);

        Assert.NotNull(host);
        Assert.NotNull(original.Value);
        Assert.Null(moved.Value);
        Assert.NotNull(moved.Tampering);
        Assert.Null(changed.Value);
        Assert.Contains("MAC", changed.Tampering!.Problem, StringComparison.Ordinal);
    }
}
