using System.Text.Json.Nodes;
using Guardrail.Functions.Configuration;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// Each restorable change of the path against moto, end to end: a drift scan records the ok path as known-good, the
/// change is made in moto, its event is invoked, and the alert on the topic's SQS subscriber names the hop and rule.
/// With rollback on for that kind the hop is restored (read back from moto); with rollback off, on only for other
/// kinds, or while the break-glass marker is on, nothing is written.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RestorableHopTests(MotoServer moto)
{
    public enum Mode
    {
        /// <summary>GUARDRAIL_ROLLBACK names exactly this change's kind.</summary>
        RollbackThisKind,

        /// <summary>GUARDRAIL_ROLLBACK=false.</summary>
        RollbackOff,

        /// <summary>GUARDRAIL_ROLLBACK lists every other kind.</summary>
        RollbackOtherKinds,

        /// <summary>Rollback on for the kind, but the break-glass marker is on.</summary>
        BreakGlass,
    }

    public static TheoryData<string, Mode> Cases()
    {
        var data = new TheoryData<string, Mode>();
        foreach (var hop in HopCase.All)
        {
            foreach (var mode in Enum.GetValues<Mode>())
            {
                data.Add(hop.Name, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_change_that_cuts_a_hop_is_alerted_naming_it_and_restored_only_when_its_kind_rolls_back(string name, Mode mode)
    {
        var hop = HopCase.All.Single(c => c.Name == name);
        using var world = await PathWorld.CreateAsync(moto);
        await BaselineAsync(world);
        var before = await hop.StateAsync(world);

        if (mode == Mode.BreakGlass)
        {
            await world.Sandbox.SetBreakGlassAsync(Sandbox.UtcText(DateTimeOffset.UtcNow.AddHours(1)));
        }

        var eventJson = await hop.ChangeAsync(world);
        var changed = await hop.StateAsync(world);
        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(Settings(hop, mode))).Handle, eventJson);
        var after = await hop.StateAsync(world);

        Assert.NotEqual(before, changed);
        var alert = await PathAlert.SingleAsync(world.Sandbox);
        alert.AssertNames(hop.Hop, hop.Rule);
        Assert.Equal("breaks", result["verdict"]!.GetValue<string>());
        Assert.Equal("access-path", Text(result["resource"]!["type"]));
        Assert.Equal(PathWorld.PathName, Text(result["resource"]!["name"]));
        if (mode == Mode.RollbackThisKind)
        {
            Assert.Equal("rolled-back", Text(result["outcome"]));
            Assert.Equal("rolled-back", alert.Outcome);
            Assert.Equal(before, after);
            return;
        }

        Assert.Equal("alerted", Text(result["outcome"]));
        Assert.Equal("alerted", alert.Outcome);
        Assert.Equal(changed, after);
        Assert.Equal(mode == Mode.BreakGlass ? "break-glass" : null, alert.ReasonCode);
    }

    /// <summary>The drift scan records each ok path as its known-good state; its alerts (none expected for the paths) are drained.</summary>
    internal static async Task BaselineAsync(PathWorld world, params (string Key, string Value)[] overrides)
    {
        var scan = await Sandbox.InvokeAsync(new DriftScanFunction(world.Host(overrides)).Handle, Sandbox.Event("drift-scan-schedule"));
        var paths = scan["resources"]!.AsArray().Where(r => Text(r!["resource"]!["type"]) == "access-path").ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(Text(path!["outcome"]) == "ok", path.ToJsonString()));
        await world.Sandbox.AlertsAsync();
    }

    internal static string Text(JsonNode? node) => node!.GetValue<string>();

    private static (string, string)[] Settings(HopCase hop, Mode mode) => mode switch
    {
        Mode.RollbackThisKind => [("GUARDRAIL_ROLLBACK", hop.Kind)],
        Mode.RollbackOff => [("GUARDRAIL_ROLLBACK", "false")],
        Mode.RollbackOtherKinds => [("GUARDRAIL_ROLLBACK", string.Join(",", RollbackKinds.All.Where(k => k != hop.Kind)))],
        _ => [("GUARDRAIL_ROLLBACK", hop.Kind)],
    };
}
