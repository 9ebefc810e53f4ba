using Guardrail.Core.Evaluation;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Decides each table's <see cref="TableRoute"/> from the snapshot. A table is governed by Lake Formation for the
/// reading role when its location is registered in the catalog account's Lake Formation (the longest registered
/// location holding it) and either the location is not in hybrid access mode and <c>IAM_ALLOWED_PRINCIPALS</c> holds
/// no permission on the table (Lake Formation DG "Changing the default settings for your data lake": with it, IAM
/// alone controls access), or it is in hybrid access mode and the role is opted in (DG "Hybrid access mode").
/// </summary>
internal static class LakeFormationRoutes
{
    public static IReadOnlyList<TableRoute> Decide(PathSnapshot snapshot, RoleArn reader) =>
        [.. snapshot.Spectrum.Tables.Select(t => Decide(snapshot, reader, t))];

    private static TableRoute Decide(PathSnapshot snapshot, RoleArn reader, TableLocation table)
    {
        if (table.CatalogAccount is not { } account)
        {
            return new TableRoute.NotKnown(table, $"whether Lake Formation governs s3://{table.Bucket}/{table.Prefix} (the table names no Glue catalog account)");
        }

        if (snapshot.LakeFormation.GetValueOrDefault(account) is not { } facts)
        {
            return new TableRoute.NotKnown(table, $"the Lake Formation state of account {account} (ListResources, ListPermissions, GetResourceLFTags, ListLakeFormationOptIns; the lakeFormation section of the snapshot)");
        }

        if (facts.Resources is not { } resources)
        {
            return new TableRoute.NotKnown(table, $"the locations registered with Lake Formation in account {account} (ListResources)");
        }

        var location = resources.Where(r => Holds(r.ResourceArn, table, reader.Partition)).MaxBy(r => r.ResourceArn.Length);
        if (location is null)
        {
            return new TableRoute.ByRole(table, null);
        }

        if (table is not { Database: { } database, Table: { } name })
        {
            return new TableRoute.NotKnown(table, $"the Glue database and table of s3://{table.Bucket}/{table.Prefix}, registered with Lake Formation at {location.ResourceArn}");
        }

        if (location.HybridAccessEnabled)
        {
            if (facts.OptIns is not { } optIns)
            {
                return new TableRoute.NotKnown(table, $"the hybrid access mode opt-ins of account {account} (ListLakeFormationOptIns)");
            }

            return optIns.Any(o => o.Principal == reader.Arn && LfResources.CoversTable(o.Resource, database, name))
                ? new TableRoute.ByLakeFormation(table, account, location, facts)
                : new TableRoute.ByRole(table, $"{location.ResourceArn} is in hybrid access mode and {reader.Arn} is not opted in for {database}.{name}: its IAM permissions apply");
        }

        if (facts.Permissions is not { } permissions)
        {
            return new TableRoute.NotKnown(table, $"the Lake Formation permissions of account {account} (ListPermissions)");
        }

        return permissions.Any(p => p.Principal == LakeFormationSectionReader.IamAllowedPrincipals && p.Permissions.Count > 0 && LfResources.NamesTable(p.Resource, database, name))
            ? new TableRoute.ByRole(table, $"IAM_ALLOWED_PRINCIPALS holds permissions on {database}.{name}, so IAM alone controls access to it")
            : new TableRoute.ByLakeFormation(table, account, location, facts);
    }

    /// <summary>
    /// Whether a registered location holds the table: the same bucket, and the registered path is the table's prefix
    /// or one of its folders (registration is by folder: <c>bucket/sales</c> holds <c>sales/</c> and <c>sales/2026/</c>, not <c>salesforce/</c>).
    /// </summary>
    private static bool Holds(string resourceArn, TableLocation table, string partition)
    {
        var start = $"arn:{partition}:s3:::";
        if (!resourceArn.StartsWith(start, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = resourceArn[start.Length..].Split('/', 2);
        if (parts[0] != table.Bucket)
        {
            return false;
        }

        var registered = parts.Length == 2 ? parts[1].TrimEnd('/') : string.Empty;
        return registered.Length == 0 || table.Prefix == registered || table.Prefix.StartsWith(registered + "/", StringComparison.Ordinal);
    }
}
