using System.Text.Json;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the <c>spectrum</c> section: the role chain, the cluster, the Region and the tables.</summary>
internal static class SpectrumSectionReader
{
    private static readonly KnownNames SectionNames = new("roleChain", "cluster", "region", "tables");
    private static readonly KnownNames ClusterNames = new("kind", "iamRoles", "vpcEndpoints", "enhancedVpcRouting", "s3Endpoints", "identifier");
    private static readonly KnownNames TableNames = new("bucket", "prefix", "catalogAccount", "database", "table", "accessPoint");

    private static readonly (string, ClusterKind)[] ClusterKinds = [("provisioned", ClusterKind.Provisioned), ("serverless", ClusterKind.Serverless)];

    public static SpectrumSetup Read(JsonElement element, JsonLocation path)
    {
        var section = SnapshotObject.Read(element, path, SectionNames);
        var chain = RoleChain(section.Required(0, out var chainPath), chainPath);
        ClusterFacts? cluster = section.TryGet(1, out var clusterElement, out var clusterPath) ? Cluster(clusterElement, clusterPath) : null;
        string? region = section.TryGet(2, out var regionElement, out var regionPath)
            ? SnapshotJson.Checked(regionElement, regionPath, AwsIdentifiers.RegionProblem)
            : null;
        IReadOnlyList<TableLocation> tables = section.TryGet(3, out var tablesElement, out var tablesPath)
            ? SnapshotJson.Array(tablesElement, tablesPath, Table)
            : [];
        return new SpectrumSetup(chain, cluster, region, tables);
    }

    /// <summary>An array of role ARNs, or Redshift's own form, one string <c>arnA,arnB</c>; 1 to 10 roles.</summary>
    private static IReadOnlyList<RoleArn> RoleChain(JsonElement element, JsonLocation path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                return RoleArn.ParseChain(SnapshotJson.String(element, path));
            }
            catch (ArgumentException e)
            {
                throw SnapshotJson.Error(path, e.Message);
            }
        }

        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() is var count && count is 0 or > RoleArn.MaxChainLength)
        {
            throw SnapshotJson.Error(path, count == 0
                ? "no role ARN given (the chain has 1 to 10 roles)"
                : $"a role chain has at most {RoleArn.MaxChainLength} roles (Redshift's limit); this one has {count}");
        }

        return SnapshotJson.Array(element, path, Role);
    }

    private static RoleArn Role(JsonElement element, JsonLocation path)
    {
        var text = SnapshotJson.Checked(element, path, RoleArn.Problem);
        return RoleArn.Parse(text);
    }

    private static ClusterFacts Cluster(JsonElement element, JsonLocation path)
    {
        var cluster = SnapshotObject.Read(element, path, ClusterNames);
        var kind = SnapshotJson.Choice(cluster.Required(0, out var kindPath), kindPath, ClusterKinds);
        IReadOnlyList<string>? roles = cluster.TryGet(1, out var rolesElement, out var rolesPath)
            ? SnapshotJson.Array(rolesElement, rolesPath, static (role, rolePath) => SnapshotJson.Checked(role, rolePath, RoleArn.Problem))
            : null;
        bool? routing = cluster.TryGet(3, out var routingElement, out var routingPath) ? SnapshotJson.Boolean(routingElement, routingPath) : null;

        // "s3Endpoints" is the name; "vpcEndpoints" its older spelling, still read. Absent: not known, never "none".
        var older = cluster.TryGet(2, out var olderElement, out var olderPath);
        var newer = cluster.TryGet(4, out var newerElement, out var newerPath);
        if (older && newer)
        {
            throw SnapshotJson.Error(olderPath, "give the S3 endpoints once, as \"s3Endpoints\" (\"vpcEndpoints\" is its older name)");
        }

        IReadOnlyList<string> endpoints = older || newer
            ? SnapshotJson.Array(newer ? newerElement : olderElement, newer ? newerPath : olderPath, static (vpce, vpcePath) => SnapshotJson.Checked(vpce, vpcePath, AwsIdentifiers.VpceIdProblem))
            : [];
        string? identifier = cluster.TryGet(5, out var identifierElement, out var identifierPath) ? SnapshotJson.NonEmpty(identifierElement, identifierPath) : null;
        return new ClusterFacts(kind, roles, endpoints) { EnhancedVpcRouting = routing, S3EndpointsGiven = older || newer, Identifier = identifier };
    }

    private static TableLocation Table(JsonElement element, JsonLocation path)
    {
        var table = SnapshotObject.Read(element, path, TableNames);
        var bucket = SnapshotJson.Checked(table.Required(0, out var bucketPath), bucketPath, AwsIdentifiers.BucketNameProblem);

        // "" is the whole bucket; anything else is a literal key prefix (no wildcards).
        var prefix = SnapshotJson.Checked(table.Required(1, out var prefixPath), prefixPath, static p => p.Length == 0 ? null : AwsIdentifiers.KeyPrefixProblem(p));
        string? account = table.TryGet(2, out var accountElement, out var accountPath) ? SnapshotJson.Checked(accountElement, accountPath, AwsIdentifiers.AccountIdProblem) : null;
        string? database = table.TryGet(3, out var databaseElement, out var databasePath) ? SnapshotJson.NonEmpty(databaseElement, databasePath) : null;
        string? name = table.TryGet(4, out var nameElement, out var namePath) ? SnapshotJson.NonEmpty(nameElement, namePath) : null;
        if (name is not null && database is null)
        {
            throw SnapshotJson.Error(path, "a \"table\" needs its \"database\"");
        }

        string? accessPoint = table.TryGet(5, out var accessPointElement, out var accessPointPath)
            ? SnapshotJson.Checked(accessPointElement, accessPointPath, AccessPointArn.Problem)
            : null;
        return new TableLocation(bucket, prefix, account, database, name) { AccessPoint = accessPoint };
    }
}
