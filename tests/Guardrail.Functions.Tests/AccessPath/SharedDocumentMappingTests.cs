using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

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
