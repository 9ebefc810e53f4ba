using System.Text.Json.Nodes;
using Guardrail.Core.Spectrum;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>spectrum</c> section (the chain, the Region, the tables, and the roles attached to the cluster or
/// namespace) and the <c>catalogs</c> section (each catalog account's Glue resource policy).
/// </summary>
internal static class SpectrumSection
{
    /// <summary>Collects the section; a Serverless workgroup's S3 endpoints go into <paramref name="vpcEndpoints"/>.</summary>
    public static async Task<JsonObject> CollectAsync(CollectionContext context, SnapshotRequest request, JsonObject vpcEndpoints)
    {
        var spectrum = new JsonObject { ["roleChain"] = new JsonArray([.. request.RoleChain.Select(r => (JsonNode?)r.Arn)]) };
        if (request.Cluster is { } cluster && await ClusterAsync(context, cluster, vpcEndpoints).ConfigureAwait(false) is { } facts)
        {
            spectrum["cluster"] = facts;
        }

        spectrum["region"] = request.Region;
        spectrum["tables"] = new JsonArray([.. request.Tables.Select(Table)]);
        return spectrum;
    }

    public static async Task<JsonObject> CatalogsAsync(CollectionContext context, IEnumerable<string> accounts)
    {
        var catalogs = new JsonObject();
        foreach (var account in accounts.Distinct(StringComparer.Ordinal))
        {
            var resource = $"the Glue Data Catalog of {account} in {context.Region}";
            if (await context.TryAsync(resource, () => context.In(account)).ConfigureAwait(false) is { } readers
                && await context.TryAsync(resource, () => context.Once($"catalog {account}", () => readers.Value.Catalog.GetCatalogPolicyAsync(context.Token))).ConfigureAwait(false) is { } policy)
            {
                catalogs[account] = new JsonObject { ["resourcePolicy"] = PolicyJson.EmbedOrNull(policy.Value) };
            }
        }

        return catalogs;
    }

    // The cluster is in the caller's account: Redshift has no cross-account DescribeClusters.
    private static async Task<JsonObject?> ClusterAsync(CollectionContext context, ClusterTarget cluster, JsonObject vpcEndpoints)
    {
        var readers = await context.TryAsync(cluster.Name, () => context.In(context.OwnAccount)).ConfigureAwait(false);
        if (readers is null)
        {
            return null;
        }

        if (cluster.Kind == ClusterKind.Provisioned)
        {
            var description = await context.TryAsync($"cluster {cluster.Name}", () => context.Once($"cluster {cluster.Name}", () => readers.Value.Clusters.DescribeClusterAsync(cluster.Name, context.Token))).ConfigureAwait(false);
            return description is null ? null : new JsonObject
            {
                ["kind"] = "provisioned",
                ["identifier"] = cluster.Name,
                ["iamRoles"] = Strings(description.Value.AttachedRoles),
                ["enhancedVpcRouting"] = description.Value.EnhancedVpcRouting,

                // RA3/DC2 Spectrum reads S3 from AWS's fleet, not through the cluster's VPC endpoints, even with enhanced VPC routing.
                ["vpcEndpoints"] = new JsonArray(),
            };
        }

        var roles = await context.TryAsync($"namespace {cluster.Name}", () => context.Once($"namespace {cluster.Name}", () => readers.Value.Namespaces.GetAttachedRolesAsync(cluster.Name, context.Token))).ConfigureAwait(false);
        if (roles is null)
        {
            return null;
        }

        var facts = new JsonObject { ["kind"] = "serverless", ["identifier"] = cluster.Name, ["iamRoles"] = Strings(roles.Value) };
        if (cluster.Workgroup is { } workgroup)
        {
            await WorkgroupNetworkSection.CollectAsync(context, readers.Value, cluster.Name, workgroup, facts, vpcEndpoints).ConfigureAwait(false);
        }
        else
        {
            context.Note($"namespace {cluster.Name}: no workgroup named, so its S3 VPC endpoints are not collected; the vpc-endpoint hop is unchecked");
        }

        return facts;
    }

    private static JsonNode Table(TableTarget table)
    {
        var node = new JsonObject { ["bucket"] = table.Bucket, ["prefix"] = table.Prefix };
        if (table.AccessPoint is not null)
        {
            node["accessPoint"] = table.AccessPoint;
        }

        if (table.CatalogAccount is not null)
        {
            node["catalogAccount"] = table.CatalogAccount;
        }

        if (table.Database is not null)
        {
            node["database"] = table.Database;
        }

        if (table.Table is not null)
        {
            node["table"] = table.Table;
        }

        return node;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
