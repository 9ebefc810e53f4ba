using System.Text.Json.Nodes;
using Guardrail.Aws.Collect;
using Guardrail.Core.Spectrum;
using Guardrail.Core.Evaluation;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Configuration.Documents;

namespace Guardrail.Functions.Paths;

/// <summary>One protected access path: a role chain, the cluster it serves (when configured) and the tables it reads.</summary>
/// <param name="Key">The state-table key of the path, e.g. <c>path#spectrum@analytics</c>.</param>
/// <param name="Chain">The role chain.</param>
/// <param name="Cluster">The cluster or namespace; null when none is configured.</param>
/// <param name="Request">What the collector reads for it.</param>
/// <param name="Kind">The cluster kind GUARDRAIL_CLUSTER gives, for a path whose cluster is not configured.</param>
/// <param name="VpceIds">The VPC endpoints GUARDRAIL_VPCE_IDS gives (a Serverless workgroup's, which the collector does not read).</param>
public sealed record PathTarget(string Key, IReadOnlyList<RoleArn> Chain, ClusterTarget? Cluster, SnapshotRequest Request, ClusterKind Kind, IReadOnlyList<string> VpceIds)
{
    /// <summary>
    /// Adds what the configuration knows and the collection does not: the cluster's kind when no cluster is read
    /// (its attached roles stay unknown, so the association is unchecked), and a Serverless workgroup's endpoints.
    /// </summary>
    public JsonObject Completed(JsonObject snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot["spectrum"] is not JsonObject spectrum)
        {
            return snapshot;
        }

        if (spectrum["cluster"] is not JsonObject cluster)
        {
            spectrum["cluster"] = cluster = new JsonObject { ["kind"] = Kind == ClusterKind.Serverless ? "serverless" : "provisioned" };
        }

        if (cluster["vpcEndpoints"] is null && VpceIds.Count > 0)
        {
            cluster["vpcEndpoints"] = new JsonArray([.. VpceIds.Select(v => (JsonNode)v)]);
        }

        return snapshot;
    }

    /// <summary>How people know the path: the reading role and the buckets.</summary>
    public string Name => $"{Chain[^1].Arn} -> {string.Join(", ", Request.Tables.Select(t => $"s3://{t.Bucket}/{t.Prefix}").Distinct(StringComparer.Ordinal))}";

    /// <summary>The path's name in the configuration document (what alerts call it).</summary>
    public string PathName => Key["path#".Length..];

    /// <summary>The Region of the path: its cluster's, which is its tables'.</summary>
    public string Region => Request.Region;

    /// <summary>Every account a document of the path lives in: the roles', the cluster's, the buckets' and the catalogs'.</summary>
    public IReadOnlySet<string> Accounts { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether alerts name the path (organization mode, where its name is the one the document gives).</summary>
    public bool Named { get; init; }

    /// <summary>The protected paths of a configuration, as its document lists them.</summary>
    public static IReadOnlyList<PathTarget> From(GuardrailConfig config, string region)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.EffectiveDocument(region).Paths.Select(p => Of(p) with { Named = config.IsOrganization })];
    }

    /// <summary>The target of one document path.</summary>
    public static PathTarget Of(PathEntry path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var chain = path.RoleChain.Select(RoleArn.Parse).ToList();
        var entry = path.Cluster;
        var kind = entry is null ? ClusterKind.Provisioned : ClusterKinds.Of(entry.Kind);
        ClusterTarget? cluster = (entry?.Id ?? entry?.Namespace) is { } name ? new ClusterTarget(kind, name, entry!.Workgroup) : null;
        var tables = path.Tables.Select(t => new TableTarget(t.Bucket, t.Prefix, t.CatalogAccount, t.Database, t.Table)).ToList();
        var bucketAccounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in path.Tables)
        {
            bucketAccounts.TryAdd(table.Bucket, table.Account);
        }

        var region = entry?.Region ?? path.Tables[0].Region;
        var accounts = new HashSet<string>(chain.Select(r => r.AccountId), StringComparer.Ordinal);
        accounts.UnionWith(path.Tables.Select(t => t.Account));
        accounts.UnionWith(path.Tables.Select(t => t.CatalogAccount).OfType<string>());
        if (entry is not null)
        {
            accounts.Add(entry.Account);
        }

        return new PathTarget($"path#{path.Name}", chain, cluster, new SnapshotRequest(chain, tables, cluster, region, bucketAccounts), kind, entry?.VpcEndpoints ?? [])
        {
            Accounts = accounts,
        };
    }

    /// <summary>Whether the event's touch can concern this path without reading it (names outside the path rule it out).</summary>
    public bool MayConcern(PathTouch touch) => touch switch
    {
        PathTouch.Role role => Chain.Any(r => r.Name == role.Name && r.AccountId == role.Account),
        PathTouch.Bucket bucket => Request.Tables.Any(t => t.Bucket == bucket.Name),
        PathTouch.Cluster cluster => Cluster is null || (Cluster.Kind == cluster.Kind && Cluster.Name == cluster.Name),
        PathTouch.Catalog catalog => Request.Tables.Any(t => t.CatalogAccount == catalog.Account),
        // Lake Formation governs a path only through its catalog tables, and a grant to a role of another path cannot cut it.
        PathTouch.LakeFormation lf => Request.Tables.Any(t => t.CatalogAccount == lf.Account) && MayBeGrantee(lf.Principal)
            && (lf.LocationBucket is null || Request.Tables.Any(t => t.Bucket == lf.LocationBucket)),
        // Provisioned Spectrum reads S3 from outside the VPC: only a Serverless workgroup's endpoints are on its path.
        // Which endpoints a workgroup uses is known from the path's last collected state (PathRelevance).
        PathTouch.VpcEndpoint => Serverless,
        PathTouch.Workgroup => Serverless,
        _ => true,
    };

    private bool Serverless => (Cluster?.Kind ?? Kind) == ClusterKind.Serverless;

    /// <summary>A role ARN must be one of the chain's; any other principal (an account, IAM_ALLOWED_PRINCIPALS, a group) may stand for it.</summary>
    private bool MayBeGrantee(string? principal) =>
        principal is null || !principal.Contains(":role/", StringComparison.Ordinal)
        || Chain.Any(r => r.Arn == principal || (principal.StartsWith($"arn:{r.Partition}:iam::{r.AccountId}:role/", StringComparison.Ordinal) && principal.EndsWith("/" + r.Name, StringComparison.Ordinal)));
}
