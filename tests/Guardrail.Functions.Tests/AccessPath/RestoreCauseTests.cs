using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// A path rollback restores only the hop the triggering call changed, and only when that hop is what broke (AWS's
/// evaluation is per hop: an inline policy the role does not need cannot be the cause of a bucket-policy lockout).
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class RestoreCauseTests(MotoServer moto)
{
    [Fact]
    public async Task An_unrelated_inline_policy_added_after_an_alert_only_lockout_is_left_in_place_and_the_bucket_hop_is_alerted()
    {
        using var world = await PathWorld.CreateAsync(moto);
        await RestorableHopTests.BaselineAsync(world);
        await world.Sandbox.PutPolicyAsync(Sandbox.Policy("bucket-put-vpce-lockout"));
        var audit = PathWorld.Document(PathWorld.Statement("Allow", "cloudwatch:PutMetricData", "*", "AuditMetrics"));
        await world.IamAsync("PutRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "audit-metrics"), ("PolicyDocument", audit));
        var eventJson = PathWorld.Event("access-iam-put-role-policy", ("detail.requestParameters.policyName", "audit-metrics"), ("detail.requestParameters.policyDocument", audit));

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(("GUARDRAIL_ROLLBACK", "true"))).Handle, eventJson);

        Assert.Equal(("alerted", "other-cause"), (RestorableHopTests.Text(result["outcome"]), RestorableHopTests.Text(result["reasonCode"])));
        var kept = await world.Iam.CallAsync("GetRolePolicy", [new("RoleName", PathWorld.RoleName), new("PolicyName", "audit-metrics")], default);
        Assert.Contains("PutMetricData", Uri.UnescapeDataString(kept.ToString()), StringComparison.Ordinal);
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        alert.AssertNames("bucket", "vpce-restriction");
        Assert.Equal("other-cause", alert.ReasonCode);
        Assert.Contains("breaks on the bucket hop", alert.Reason, StringComparison.Ordinal);
    }
}

/// <summary>
/// A path's known-good state planted by someone with table access (the Spectrum role's inline policy made <c>Allow *
/// *</c>, the envelope's SHA-256 recomputed) is never restored: the restore is refused and alerted critical.
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class PathTamperTests(MotoServer moto)
{
    [Fact]
    public async Task A_planted_path_known_good_that_makes_the_role_admin_is_never_restored()
    {
        using var world = await PathWorld.CreateAsync(moto);
        await RestorableHopTests.BaselineAsync(world);
        var item = (await world.Sandbox.Tamperer.GetAsync($"knowngood#{PathWorld.PathKey}"))!;
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(item["policy"].S)!;
        envelope["snapshot"]!["roles"]![PathWorld.RoleArn]!["inlinePolicies"]!["kms-decrypt"] = PathWorld.Document(PathWorld.Statement("Allow", "*", "*", "Admin"));
        var planted = envelope.ToJsonString();
        await world.Sandbox.Tamperer.PlantKnownGoodAsync(PathWorld.PathKey, planted, Guardrail.Functions.Paths.PathEnvelope.HashOf(planted));
        await world.IamAsync("DeleteRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyName", "kms-decrypt"));

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(("GUARDRAIL_ROLLBACK", "inline-policy"))).Handle, PathWorld.Event("access-iam-delete-role-policy", ("detail.requestParameters.policyName", "kms-decrypt")));

        Assert.Equal(("rollback-refused", "state-tampered"), (RestorableHopTests.Text(result["outcome"]), RestorableHopTests.Text(result["reasonCode"])));
        var policies = await world.Iam.CallAsync("ListRolePolicies", [new("RoleName", PathWorld.RoleName)], default);
        Assert.DoesNotContain(policies.Descendants(), e => e.Value == "kms-decrypt");
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        Assert.Equal("critical", alert.Attribute("severity"));
        Assert.Contains(alert.Body["stateTampered"]!.AsArray(), t => t!["item"]!.GetValue<string>() == $"knowngood#{PathWorld.PathKey}");
    }
}

/// <summary>
/// Re-attaching a managed policy attaches whatever its default version is now: when that is no longer the known-good
/// version (a detach, then a new default version that grants more), nothing is attached.
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class ReattachVersionTests(MotoServer moto)
{
    [Fact]
    public async Task A_detached_policy_whose_default_version_changed_since_is_not_re_attached()
    {
        using var world = await PathWorld.CreateAsync(moto);
        await RestorableHopTests.BaselineAsync(world);
        await world.IamAsync("DetachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.LakeRead));
        var wider = PathWorld.Document(PathWorld.Statement("Allow", "s3:*", "*", "LakeRead"), PathWorld.Statement("Allow", "iam:*", "*", "Escalate"));
        await world.IamAsync("CreatePolicyVersion", ("PolicyArn", PathWorld.LakeRead), ("PolicyDocument", wider), ("SetAsDefault", "true"));

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(("GUARDRAIL_ROLLBACK", "policy-attachment"))).Handle, PathWorld.Event("access-iam-detach-role-policy"));

        Assert.Equal(("rollback-refused", "known-good-not-ok"), (RestorableHopTests.Text(result["outcome"]), RestorableHopTests.Text(result["reasonCode"])));
        Assert.Contains("default version", RestorableHopTests.Text(result["reason"]), StringComparison.Ordinal);
        var attached = await world.Iam.CallAsync("ListAttachedRolePolicies", [new("RoleName", PathWorld.RoleName)], default);
        Assert.DoesNotContain(attached.Descendants(), e => e.Value == PathWorld.LakeRead);
        Assert.Equal("rollback-refused", (await PathAlert.SingleAsync(world.Sandbox)).Outcome);
    }
}

/// <summary>
/// A managed policy, key or organization event reaches only the paths whose last collected state holds the document:
/// an unrelated key's policy change reads nothing at all, while the path's own key is judged.
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class SharedDocumentMappingTests(MotoServer moto)
{
    [Fact]
    public async Task A_key_no_protected_path_uses_collects_nothing_and_the_paths_own_key_is_judged()
    {
        using var world = await PathWorld.CreateAsync(moto);
        await RestorableHopTests.BaselineAsync(world);
        var unrelated = await world.CreateKeyAsync(PathWorld.AdminOnlyKeyPolicy());
        var host = world.CountingHost(null);

        var other = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, PathWorld.Event("access-kms-put-key-policy", ("detail.requestParameters.keyId", unrelated.KeyId)));
        var own = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, PathWorld.Event("access-kms-put-key-policy", ("detail.requestParameters.keyId", world.LakeKey.KeyId), ("detail.eventID", "own-key")));

        Assert.Equal("ignored", RestorableHopTests.Text(other["outcome"]));
        Assert.Contains("no document of a protected access path", RestorableHopTests.Text(other["reason"]), StringComparison.Ordinal);
        Assert.Equal("ok", RestorableHopTests.Text(own["outcome"]));
        Assert.Single(world.Counters);
        Assert.True(world.Counters[0].Total > 0);
    }
}
