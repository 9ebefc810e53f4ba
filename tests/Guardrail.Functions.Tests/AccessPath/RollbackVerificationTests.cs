using System.Text.Json.Nodes;
using Guardrail.Functions.Processing;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// A rollback restores one hop and is verified on that hop: a change elsewhere on the path since its known-good state
/// that did not cut it (here a bucket policy, which the bucket function judges, not this one) does not make an exact
/// restore a failure; a write that did not land still is one.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RollbackVerificationTests(MotoServer moto)
{
    private static readonly (string, string) RollbackAttachments = ("GUARDRAIL_ROLLBACK", "policy-attachment");

    [Fact]
    public async Task A_restored_hop_is_verified_even_when_another_document_changed_since_the_known_good_state()
    {
        using var world = await DetachedAfterBenignBucketPolicyAsync();

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(RollbackAttachments)).Handle, Sandbox.Event("access-iam-detach-role-policy"));

        Assert.Equal("rolled-back", RestorableHopTests.Text(result["outcome"]));
        Assert.Equal("rolled-back", (await PathAlert.SingleAsync(world.Sandbox)).Outcome);
        Assert.Contains(PathWorld.LakeRead, await HopCase.AttachedAsync(world), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_did_not_land_is_a_failed_rollback()
    {
        using var world = await DetachedAfterBenignBucketPolicyAsync();
        var host = world.CountingHost(() => AnsweringHandler.Swallowing("AttachRolePolicy"), RollbackAttachments);

        await Assert.ThrowsAsync<FunctionFailedException>(() => Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, Sandbox.Event("access-iam-detach-role-policy")));

        var alert = await PathAlert.SingleAsync(world.Sandbox);
        Assert.Equal("rollback-failed", alert.Outcome);
        Assert.Equal("rollback-not-verified", alert.ReasonCode);
        Assert.DoesNotContain(PathWorld.LakeRead, await HopCase.AttachedAsync(world), StringComparison.Ordinal);
    }

    private async Task<PathWorld> DetachedAfterBenignBucketPolicyAsync()
    {
        var world = await PathWorld.CreateAsync(moto);
        await RestorableHopTests.BaselineAsync(world);
        await world.Sandbox.PutPolicyAsync(PathWorld.Document(new JsonObject
        {
            ["Sid"] = "AuditorReadsThePolicy",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::{PathWorld.Account}:role/auditor" },
            ["Action"] = "s3:GetBucketPolicy",
            ["Resource"] = $"arn:aws:s3:::{Sandbox.Bucket}",
        }));
        await world.IamAsync("DetachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.LakeRead));
        return world;
    }
}
