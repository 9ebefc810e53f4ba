using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

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
