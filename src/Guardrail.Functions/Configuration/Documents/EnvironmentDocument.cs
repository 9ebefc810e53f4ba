using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The single-account environment variables as a configuration document: every role chain with every configured
/// cluster (or none) is a path, and every path reads every protected bucket at every prefix, the catalog tables
/// taking the first location's place. The path names are the state keys single-account deployments have always used
/// (<c>roleA,roleB@cluster</c>), so upgrading keeps their known-good records.
/// </summary>
public static class EnvironmentDocument
{
    /// <summary>The document <paramref name="config"/>'s variables describe, in <paramref name="region"/> (the function's).</summary>
    public static ConfigDocument From(GuardrailConfig config, string region)
    {
        ArgumentNullException.ThrowIfNull(config);
        var account = config.AccountId ?? (config.SpectrumRoles.Count > 0 ? config.SpectrumRoles[0][0].AccountId : null) ?? string.Empty;
        var prefixes = config.Prefixes.Count == 0 ? [string.Empty] : config.Prefixes;
        var buckets = config.ProtectedBuckets?.Order(StringComparer.Ordinal).ToList() ?? [];
        var tables = buckets.SelectMany(b => prefixes.Select(p => new TableEntry(account, region, b, p))).ToList();
        if (tables.Count > 0 && config.Paths.CatalogTables.Count > 0)
        {
            // Spectrum reads the first location only through the catalog tables: they take its place.
            var first = tables[0];
            tables.RemoveAt(0);
            tables.InsertRange(0, config.Paths.CatalogTables.Select(t => first with { CatalogAccount = t.Account, Database = t.Database, Table = t.Table }));
        }

        var clusters = config.Paths.Clusters.Count == 0 ? [null] : config.Paths.Clusters.Cast<Guardrail.Aws.Collect.ClusterTarget?>().ToList();
        var paths = config.SpectrumRoles.SelectMany(chain => clusters.Select(cluster => new PathEntry(
            string.Join(",", chain.Select(r => r.Name)) + (cluster is null ? string.Empty : $"@{cluster.Name}"),
            [.. chain.Select(r => r.Arn)],
            Cluster(chain, cluster, config, region),
            tables))).ToList();
        var defaults = new PathDefaults(
            config.Rollback ? new RollbackSetting(config.RollbackKinds) : RollbackSetting.Off,
            [.. config.BreakGlassRoles.Order(StringComparer.Ordinal)],
            config.MaxRollbacks);
        return new ConfigDocument(ConfigDocument.CurrentVersion, null, defaults, paths);
    }

    /// <summary>
    /// The path's cluster entry: the configured cluster, or — with none — the kind <c>GUARDRAIL_CLUSTER</c> gives and
    /// the endpoints <c>GUARDRAIL_VPCE_IDS</c> names, with neither an id nor a namespace (nothing is read).
    /// </summary>
    private static ClusterEntry Cluster(IReadOnlyList<RoleArn> chain, Guardrail.Aws.Collect.ClusterTarget? cluster, GuardrailConfig config, string region)
    {
        var kind = cluster?.Kind ?? config.Cluster;
        var serverless = kind == ClusterKind.Serverless;
        return new ClusterEntry(
            chain[0].AccountId,
            region,
            serverless ? ClusterKinds.Serverless : ClusterKinds.Provisioned,
            serverless ? null : cluster?.Name,
            serverless ? cluster?.Name : null,
            cluster?.Workgroup,
            config.VpceIds);
    }
}
