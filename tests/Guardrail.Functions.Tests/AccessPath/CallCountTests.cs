using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
using Guardrail.Functions.Paths;
using Guardrail.Testing;
using Xunit.Abstractions;

namespace Guardrail.Functions.Tests.AccessPath;

/// <summary>
/// What one event costs in AWS calls (the factory is per invocation and counts every request): on the ok path the
/// whole path is read once, each document once; a rollback reads it again to check for a newer change, again under
/// the lease and once more to verify, and writes only the one hop. The figures are printed for the README's note.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class CallCountTests(MotoServer moto, ITestOutputHelper output)
{
    [Fact]
    public async Task The_ok_path_reads_each_document_of_the_path_once()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var host = world.CountingHost(null);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, PathWorld.Event("access-iam-detach-role-policy", ("detail.requestParameters.policyArn", PathWorld.DenyS3)));

        Assert.Equal("ok", RestorableHopTests.Text(result["outcome"]));
        var calls = Assert.Single(world.Counters).Counts;
        Assert.Equal(await OneCollectionAsync(world, host), calls);
        Report("ok path (one path)", calls);
    }

    [Fact]
    public async Task A_rollback_reads_the_whole_path_four_times_checks_the_policy_version_and_writes_only_the_hop()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var host = world.CountingHost(null, ("GUARDRAIL_ROLLBACK", "policy-attachment"));
        await RestorableHopTests.BaselineAsync(world);
        await world.IamAsync("DetachRolePolicy", ("RoleName", PathWorld.RoleName), ("PolicyArn", PathWorld.LakeRead));
        var broken = await OneCollectionAsync(world, host);

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, Sandbox.Event("access-iam-detach-role-policy"));

        Assert.Equal("rolled-back", RestorableHopTests.Text(result["outcome"]));
        var calls = Assert.Single(world.Counters).Counts;
        var restored = await OneCollectionAsync(world, host);

        // The broken path is read to judge it, again before taking the rollback lease and again under it; right before
        // the one write, the policy's live default version is read (it must be the known-good one); after the write
        // the restored path is read to verify it. The caller's account is looked up once.
        var versionCheck = new Dictionary<string, int> { ["iam:GetPolicy"] = 1, ["iam:GetPolicyVersion"] = 1 };
        var expected = broken.Keys.Union(restored.Keys)
            .Select(k => KeyValuePair.Create(k, k == "sts:GetCallerIdentity" ? 1 : (3 * broken.GetValueOrDefault(k)) + restored.GetValueOrDefault(k) + versionCheck.GetValueOrDefault(k)))
            .Append(KeyValuePair.Create("iam:AttachRolePolicy", 1))
            .OrderBy(c => c.Key, StringComparer.Ordinal);
        Assert.Equal(expected, calls);
        Report("rollback path (one path, DetachRolePolicy restored)", calls);
    }

    [Fact]
    public async Task An_event_about_a_policy_two_paths_share_reads_what_they_share_once()
    {
        using var world = await PathWorld.CreateAsync(moto);
        var second = await world.SecondReaderAsync("redshift-etl");
        var host = world.CountingHost(null, ("GUARDRAIL_SPECTRUM_ROLES", $"{PathWorld.RoleArn};{second}"));

        var result = await Sandbox.InvokeAsync(new AccessPathFunction(host).Handle, Sandbox.Event("access-iam-create-policy-version"));

        Assert.Equal(2, result["resources"]!.AsArray().Count);
        var calls = Assert.Single(world.Counters).Counts;

        // The two paths have the same shape but their own roles: each role's documents are read for its path, what
        // they share (the managed policies, the bucket, its key) once in the invocation, as is the caller's account.
        string[] perRole = ["iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies"];
        var once = await OneCollectionAsync(world, world.CountingHost(null));
        Assert.Equal(once.ToDictionary(c => c.Key, c => perRole.Contains(c.Key) ? 2 * c.Value : c.Value).OrderBy(c => c.Key, StringComparer.Ordinal), calls);
        Report("ok path (two paths sharing the managed policy)", calls);
    }

    /// <summary>The calls of one collection of the path, by a fresh factory as an invocation makes it.</summary>
    private async Task<IReadOnlyDictionary<string, int>> OneCollectionAsync(PathWorld world, FunctionHost host)
    {
        var environment = world.Sandbox.Environment();
        using var factory = new AccountClientFactory(new AwsEndpoints(name => environment.GetValueOrDefault(name)), "us-east-1", null, new AwsCallCounter());
        var collection = await new SnapshotCollector(factory).CollectAsync(Assert.Single(PathTarget.From(host.Config, "us-east-1")).Request, default);
        Assert.True(collection.IsComplete);
        return collection.Calls;
    }

    private void Report(string what, IReadOnlyDictionary<string, int> calls) =>
        output.WriteLine($"{what}: {calls.Values.Sum()} AWS calls ({string.Join(", ", calls.Select(c => $"{c.Key} {c.Value}"))})");
}
