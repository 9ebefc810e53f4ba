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

    [Theory]
    [InlineData("same-account-provisioned.json", HopStatus.Ok)]
    [InlineData("cross-account-bucket-kms.json", HopStatus.Ok)]
    [InlineData("serverless-vpc-endpoint.json", HopStatus.Unchecked)]
    public void Older_examples_put_the_endpoint_on_the_path_only_when_routing_is_known(string file, HopStatus expected)
    {
        var verdict = Judge(file);

        Assert.Equal(expected, verdict.Hops.Single(h => h.Hop == HopKind.VpcEndpoint).Status);
    }

    private static PathVerdict Judge(string file) =>
        PathEvaluator.Evaluate(SnapshotReader.Read(File.ReadAllText(RepoPaths.Of("examples", "paths", file))), Now);
}
