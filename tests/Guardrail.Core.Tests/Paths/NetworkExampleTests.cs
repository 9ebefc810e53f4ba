using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Paths;

/// <summary>The network examples (issue 15) keep the verdicts the docs describe, and the older examples theirs on the vpc-endpoint hop.</summary>
public sealed class NetworkExampleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_serverless_endpoint_policy_example_breaks_at_the_vpc_endpoint_hop_only()
    {
        var verdict = Judge("serverless-endpoint-policy-blocks-lake.json");

        Assert.Equal(AccessVerdict.Breaks, verdict.Access);
        Assert.Equal([HopKind.VpcEndpoint], verdict.Hops.Where(h => h.Status == HopStatus.Breaks).Select(h => h.Hop));
        Assert.Contains(verdict.Findings, f => f.Finding.Rule == RuleIds.VpcePolicyMissingAllow && f.Document == "endpoint policy of vpce-0a1b2c3d4e5f60718");
    }

    [Fact]
    public void The_access_point_example_is_ok_with_the_bucket_hop_judging_the_access_point()
    {
        var verdict = Judge("access-point-delegated.json");

        Assert.Equal(AccessVerdict.Ok, verdict.Access);
        Assert.Equal(HopStatus.Ok, verdict.Hops.Single(h => h.Hop == HopKind.Bucket).Status);
        Assert.Contains(verdict.Findings, f => f.Finding.Rule == RuleIds.VpceNotOnPath);
    }

    [Fact]
    public void The_serverless_example_judges_its_endpoint_with_the_default_policy()
    {
        var hop = Judge("serverless-vpc-endpoint.json").Hops.Single(h => h.Hop == HopKind.VpcEndpoint);

        Assert.Equal(HopStatus.Ok, hop.Status);
        Assert.DoesNotContain(hop.Findings, f => f.Finding.Rule == RuleIds.VpceNotOnPath);
    }

    public static TheoryData<string> Examples => [.. Directory.GetFiles(RepoPaths.Of("examples", "paths"), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Each example is a complete snapshot: every hop is judged, none left unchecked.</summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_judges_every_hop(string file)
    {
        var verdict = Judge(file);

        Assert.All(verdict.Hops, h => Assert.True(h.Status != HopStatus.Unchecked, $"{file}: the {h.Hop.ToText()} hop is unchecked"));
    }

    private static PathVerdict Judge(string file) =>
        PathEvaluator.Evaluate(SnapshotReader.Read(File.ReadAllText(RepoPaths.Of("examples", "paths", file))), Now);
}
