using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// The S3 VPC endpoint policies on the reader's route. Redshift Spectrum on a provisioned cluster runs on AWS-managed
/// resources outside the VPC and does not use enhanced VPC routing, while Redshift Serverless routes its queries of
/// external tables through the VPC when enhanced VPC routing is on (Redshift Management Guide, "Redshift Spectrum and
/// enhanced VPC routing"): only then is an endpoint on the path. Each endpoint the workgroup's route may use must
/// then allow, and not deny, every S3 request the path makes on every bucket (the same shapes the bucket hop judges,
/// with <c>aws:SourceVpce</c> set), the session of the reading role being the caller (gateway endpoint statements
/// name <c>Principal "*"</c>); a <c>null</c> policy is AWS's default, full access.
/// Not judged here: <c>kms:Decrypt</c>, which S3 calls on the role's behalf from inside AWS, not through the
/// endpoint; the Glue reads, which go to Glue's own (interface) endpoint or public endpoint; which ARNs an endpoint
/// policy sees for a table read through an access point (the bucket's shapes are judged); and whether the route
/// reaches S3 at all without an endpoint (a NAT or internet gateway).
/// </summary>
internal sealed class VpcEndpointHop : IHop
{
    /// <summary>The page that says which clusters route Spectrum through the VPC.</summary>
    public const string RoutingPage = "https://docs.aws.amazon.com/redshift/latest/mgmt/spectrum-enhanced-vpc.html";

    public HopKind Kind => HopKind.VpcEndpoint;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        var cluster = path.Snapshot.Spectrum.Cluster;
        if (cluster is null)
        {
            hop.Unchecked("cluster", "whether the reads go through a VPC endpoint: the cluster's kind and enhanced VPC routing (Redshift DescribeClusters, or Redshift Serverless GetWorkgroup enhancedVpcRouting)");
            return hop.Build(path);
        }

        if (cluster.Kind == ClusterKind.Provisioned)
        {
            NotOnPath(hop, "Redshift Spectrum on a provisioned cluster reads S3 from AWS-managed resources outside your VPC and does not use enhanced VPC routing, so no VPC endpoint policy is on its S3 requests");
            return hop.Build(path);
        }

        switch (cluster.EnhancedVpcRouting)
        {
            case null:
                hop.Unchecked("workgroup", "whether the Serverless workgroup routes its S3 reads through the VPC (Redshift Serverless GetWorkgroup enhancedVpcRouting)");
                return hop.Build(path);
            case false:
                NotOnPath(hop, "the Serverless workgroup has enhanced VPC routing off, so its S3 reads do not pass the VPC's endpoints");
                return hop.Build(path);
        }

        if (!cluster.S3EndpointsGiven)
        {
            hop.Unchecked("workgroup", "the S3 VPC endpoints on the Serverless workgroup's route (Redshift Serverless GetWorkgroup subnetIds; EC2 DescribeRouteTables and DescribeVpcEndpoints)");
            return hop.Build(path);
        }

        if (cluster.VpcEndpoints.Count == 0)
        {
            NotOnPath(hop, "the workgroup's route has no S3 VPC endpoint, so no endpoint policy applies (whether a NAT or internet gateway reaches S3 is not judged)");
            return hop.Build(path);
        }

        foreach (var skipped in path.SkippedBuckets)
        {
            hop.Judged(Tri.Unknown);
            hop.Add($"bucket {skipped.Name}", RuleIds.EvaluationBudget, Tri.Unknown, "(bucket)", $"The endpoint policies were not judged on bucket {skipped.Name}: the path's work budget ran out first.");
        }

        foreach (var id in cluster.VpcEndpoints.Distinct(StringComparer.Ordinal))
        {
            Judge(hop, path, id);
        }

        return hop.Build(path);
    }

    private static void Judge(HopBuilder hop, PathJudging path, string id)
    {
        var document = $"endpoint policy of {id}";
        if (path.Snapshot.VpcEndpoints.GetValueOrDefault(id) is not { } endpoint)
        {
            hop.Unchecked(document, $"VPC endpoint {id} (not in the snapshot's vpcEndpoints; EC2 DescribeVpcEndpoints)");
            return;
        }

        if (!endpoint.ServiceName.EndsWith(".s3", StringComparison.Ordinal))
        {
            hop.Unchecked(document, $"the S3 endpoint on the route: {id} serves {endpoint.ServiceName}, not S3 (EC2 DescribeVpcEndpoints)");
            return;
        }

        if (endpoint.Policy.Value is not { } policy)
        {
            return;
        }

        // Each endpoint is another policy over every bucket's shapes: pay for it up front, like a bucket's requests.
        if (!path.Budget.TrySpendLinear(PathJudging.TableUnits))
        {
            hop.Judged(Tri.Unknown);
            hop.Add(document, RuleIds.EvaluationBudget, Tri.Unknown, "(policy)", $"The policy of endpoint {id} was not judged: the path's work budget ran out first.");
            return;
        }

        var set = PolicySet.Of(new NamedPolicy(document, policy));
        foreach (var bucket in path.Buckets)
        {
            foreach (var shape in path.S3Shapes(bucket))
            {
                hop.Add(path.Decide(set, shape), SetPart.Both, HopRules.Always(RuleIds.VpcePolicyDenies), w => (RuleIds.VpcePolicyMissingAllow, $"The workgroup reads S3 through {endpoint.Type.ToString().ToLowerInvariant()} endpoint {id}, whose policy must allow {w.Description}, and no statement does."));
            }
        }
    }

    private static void NotOnPath(HopBuilder hop, string why) =>
        hop.Add("route", new Finding(RuleIds.VpceNotOnPath, Severity.Info, FindingKind.Access, "(route)", $"No VPC endpoint is on the path: {why} ({RoutingPage}).", Fixes.For(RuleIds.VpceNotOnPath)));
}
