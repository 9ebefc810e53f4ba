using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

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
