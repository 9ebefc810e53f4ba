using Guardrail.Testing;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// A managed policy attached to two protected roles (two chains in GUARDRAIL_SPECTRUM_ROLES): one event about it is
/// judged on both paths, once each, with a claim per path, so a redelivery is a duplicate on both.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SharedPolicyTests(MotoServer moto)
{
    private const string EventFile = "access-iam-create-policy-version";

    [Fact]
    public async Task Both_paths_are_judged_and_alerted_once_each_and_a_redelivery_is_a_duplicate()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var (settings, second) = await TwoReadersAsync(world);
        await BreakSharedPolicyAsync(world);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(settings)).Handle, Sandbox.Event(EventFile));
        var alerts = await PathAlert.ReceiveAsync(world.Sandbox);
        var again = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host(settings)).Handle, Sandbox.Event(EventFile));

        Assert.Equal("alerted", RestorableHopTests.Text(result["outcome"]));
        var judged = result["resources"]!.AsArray().Select(r => (Name: RestorableHopTests.Text(r!["resource"]!["name"]), Outcome: RestorableHopTests.Text(r["outcome"]))).ToList();
        Assert.Equal([(PathWorld.PathName, "alerted"), ($"{second} -> s3://{Sandbox.Bucket}/", "alerted")], judged);
        Assert.Equal(judged.Select(j => j.Name), alerts.Select(a => RestorableHopTests.Text(a.Body["resource"]!["name"])).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => a.AssertNames("identity", "identity-missing-grant"));
        Assert.Equal("duplicate", RestorableHopTests.Text(again["outcome"]));
        Assert.All(again["resources"]!.AsArray(), r => Assert.Equal("duplicate", RestorableHopTests.Text(r!["outcome"])));
        Assert.Empty(await PathAlert.ReceiveAsync(world.Sandbox));
    }

    [Fact]
    public async Task With_rollback_the_first_path_restores_the_shared_policy_and_the_second_finds_it_restored()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var (settings, _) = await TwoReadersAsync(world);
        await BreakSharedPolicyAsync(world);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(world.Host([.. settings, ("GUARDRAIL_ROLLBACK", "default-policy-version")])).Handle, Sandbox.Event(EventFile));

        Assert.Equal(["rolled-back", "ok"], result["resources"]!.AsArray().Select(r => RestorableHopTests.Text(r!["outcome"])));
        Assert.Equal("rolled-back", RestorableHopTests.Text(result["outcome"]));
        Assert.Equal("rolled-back", Assert.Single(await PathAlert.ReceiveAsync(world.Sandbox)).Outcome);
        Assert.Equal("v1", Aws.Query.AwsQueryClient.Child(await world.Iam.CallAsync("GetPolicy", [new("PolicyArn", PathWorld.LakeRead)], default), "DefaultVersionId"));
    }

    private static async Task<((string, string)[] Settings, string Second)> TwoReadersAsync(PathWorld world)
    {
        var second = await world.SecondReaderAsync("redshift-etl");
        (string, string)[] settings = [("GUARDRAIL_SPECTRUM_ROLES", $"{PathWorld.RoleArn};{second}")];
        await RestorableHopTests.BaselineAsync(world, settings);
        return (settings, second);
    }

    private static Task BreakSharedPolicyAsync(PathWorld world) =>
        world.IamAsync("CreatePolicyVersion", ("PolicyArn", PathWorld.LakeRead), ("PolicyDocument", HopCase.EventText(EventFile, "policyDocument")), ("SetAsDefault", "true"));
}
