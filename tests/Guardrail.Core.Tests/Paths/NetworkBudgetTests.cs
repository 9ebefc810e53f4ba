using System.Globalization;
using System.Text;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Paths;

/// <summary>Many endpoints or access points are paid for out of the path's work budget: at risk with <c>evaluation-budget</c>, never a long run.</summary>
public sealed class NetworkBudgetTests
{
    private const string Role = "arn:aws:iam::111122223333:role/spectrum";
    private const string Policy = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}""";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Endpoints_beyond_the_budget_put_the_hop_at_risk()
    {
        var ids = Enumerable.Range(0, 2_000).Select(i => "vpce-" + i.ToString("x17", CultureInfo.InvariantCulture)).ToList();
        var endpoints = string.Join(", ", ids.Select(id => $"\"{id}\": {{\"serviceName\": \"com.amazonaws.us-east-1.s3\", \"type\": \"Gateway\", \"policy\": {Policy}}}"));
        var json = new StringBuilder()
            .Append("{\"spectrum\": {\"roleChain\": [\"").Append(Role).Append("\"], \"cluster\": {\"kind\": \"serverless\", \"enhancedVpcRouting\": true, \"s3Endpoints\": [")
            .AppendJoin(", ", ids.Select(id => $"\"{id}\""))
            .Append("]}, \"tables\": [{\"bucket\": \"lake\", \"prefix\": \"sales/\"}]}, \"vpcEndpoints\": {").Append(endpoints).Append("}}")
            .ToString();

        var verdict = PathEvaluator.Evaluate(SnapshotReader.Read(json), Now, new WorkBudget(400_000, 400_000));

        var hop = verdict.Hops.Single(h => h.Hop == HopKind.VpcEndpoint);
        Assert.Equal(HopStatus.AtRisk, hop.Status);
        Assert.Contains(hop.Findings, f => f.Finding.Rule == RuleIds.EvaluationBudget);
    }

    [Fact]
    public void Access_points_beyond_the_budget_put_the_bucket_hop_at_risk()
    {
        var arns = Enumerable.Range(0, 2_000).Select(i => $"arn:aws:s3:us-east-1:111122223333:accesspoint/ap-{i}").ToList();
        var json = new StringBuilder()
            .Append("{\"spectrum\": {\"roleChain\": [\"").Append(Role).Append("\"], \"cluster\": {\"kind\": \"provisioned\"}, \"tables\": [")
            .AppendJoin(", ", arns.Select(a => $"{{\"bucket\": \"lake\", \"prefix\": \"sales/\", \"accessPoint\": \"{a}\"}}"))
            .Append("]}, \"buckets\": {\"lake\": {\"account\": \"111122223333\", \"policy\": null}}, \"accessPoints\": {")
            .AppendJoin(", ", arns.Select(a => $"\"{a}\": {{\"bucket\": \"lake\", \"account\": \"111122223333\", \"networkOrigin\": \"Internet\", \"policy\": {Policy}}}"))
            .Append("}}")
            .ToString();

        var verdict = PathEvaluator.Evaluate(SnapshotReader.Read(json), Now, new WorkBudget(400_000, 400_000));

        var hop = verdict.Hops.Single(h => h.Hop == HopKind.Bucket);
        Assert.Equal(HopStatus.AtRisk, hop.Status);
        Assert.Contains(hop.Findings, f => f.Finding.Rule == RuleIds.EvaluationBudget);
    }
}
