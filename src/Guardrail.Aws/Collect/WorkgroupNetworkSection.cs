using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Ec2;

namespace Guardrail.Aws.Collect;

/// <summary>
/// A Serverless workgroup's network: whether enhanced VPC routing is on, and the S3 VPC endpoints its subnets route
/// S3 traffic through: the Region's S3 gateway endpoints whose route tables include the subnets' (a subnet without
/// an explicit association uses the VPC's main table), and the S3 interface endpoints of the VPC. The endpoints are
/// all or nothing: one read that fails leaves <c>s3Endpoints</c> out (unknown), never a partial list.
/// </summary>
internal static class WorkgroupNetworkSection
{
    /// <summary>Adds <c>enhancedVpcRouting</c> and <c>s3Endpoints</c> to <paramref name="cluster"/>, and the endpoints to <paramref name="vpcEndpoints"/>.</summary>
    public static async Task CollectAsync(CollectionContext context, IPathReaders readers, string namespaceName, string workgroupName, JsonObject cluster, JsonObject vpcEndpoints)
    {
        var resource = $"workgroup {workgroupName}";
        var workgroup = await context.TryAsync(resource, () => context.Once($"workgroup {workgroupName}", () => readers.Workgroups.GetWorkgroupAsync(workgroupName, context.Token))).ConfigureAwait(false);
        if (workgroup is null)
        {
            return;
        }

        if (!string.Equals(workgroup.Value.NamespaceName, namespaceName, StringComparison.Ordinal))
        {
            context.Note($"workgroup {workgroupName} serves namespace {workgroup.Value.NamespaceName}, not {namespaceName}: its network is not the namespace's; the vpc-endpoint hop is unchecked");
            return;
        }

        cluster["enhancedVpcRouting"] = workgroup.Value.EnhancedVpcRouting;
        var endpoints = await S3EndpointsAsync(context, readers.Network(context.Region), workgroup.Value.SubnetIds, resource).ConfigureAwait(false);
        if (endpoints is null)
        {
            return;
        }

        cluster["s3Endpoints"] = new JsonArray([.. endpoints.Select(e => (JsonNode?)e.Id)]);
        foreach (var endpoint in endpoints)
        {
            vpcEndpoints[endpoint.Id] = new JsonObject
            {
                ["serviceName"] = endpoint.ServiceName,
                ["type"] = endpoint.Type == "Interface" ? "Interface" : "Gateway",
                ["policy"] = PolicyJson.EmbedOrNull(endpoint.PolicyDocument),
            };
        }
    }

    private static async Task<IReadOnlyList<VpcEndpointDescription>?> S3EndpointsAsync(CollectionContext context, IVpcNetworkReader network, IReadOnlyList<string> subnetIds, string resource)
    {
        var key = string.Join(",", subnetIds.Order(StringComparer.Ordinal));
        var subnets = await context.TryAsync(resource, () => context.Once($"subnets {key}", () => network.DescribeSubnetsAsync(subnetIds, context.Token))).ConfigureAwait(false);
        var explicitTables = await context.TryAsync(resource, () => context.Once($"route-tables {key}", () => network.DescribeRouteTablesForSubnetsAsync(subnetIds, context.Token))).ConfigureAwait(false);
        if (subnets is null || explicitTables is null)
        {
            return null;
        }

        var tables = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<VpcEndpointDescription>();
        var s3Service = $"com.amazonaws.{context.Region}.s3";
        foreach (var vpc in subnets.Value.Select(s => s.VpcId).Distinct(StringComparer.Ordinal))
        {
            var inVpc = subnets.Value.Where(s => s.VpcId == vpc).Select(s => s.SubnetId).ToList();
            var associated = explicitTables.Value.Where(t => t.SubnetIds.Any(inVpc.Contains)).ToList();
            tables.UnionWith(associated.Select(t => t.Id));
            if (inVpc.Any(subnet => !associated.Any(t => t.SubnetIds.Contains(subnet))))
            {
                var main = await context.TryAsync(resource, () => context.Once($"main-route-table {vpc}", () => network.DescribeMainRouteTableAsync(vpc, context.Token))).ConfigureAwait(false);
                if (main is null)
                {
                    return null;
                }

                if (main.Value is null)
                {
                    context.Note($"VPC {vpc} reports no main route table: the S3 gateway endpoints of its subnets without their own table are unknown");
                    return null;
                }

                tables.Add(main.Value.Id);
            }

            var endpoints = await context.TryAsync(resource, () => context.Once($"vpc-endpoints {vpc}", () => network.DescribeVpcEndpointsAsync([], vpc, context.Token))).ConfigureAwait(false);
            if (endpoints is null)
            {
                return null;
            }

            found.AddRange(endpoints.Value.Where(e => e.ServiceName == s3Service && e.State is not ("deleted" or "deleting" or "failed" or "rejected")
                && (e.Type == "Interface" || (e.Type == "Gateway" && e.RouteTableIds.Any(tables.Contains)))));
        }

        return [.. found.DistinctBy(e => e.Id).OrderBy(e => e.Id, StringComparer.Ordinal)];
    }
}
