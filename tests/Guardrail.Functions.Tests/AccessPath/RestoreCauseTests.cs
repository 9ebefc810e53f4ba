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
