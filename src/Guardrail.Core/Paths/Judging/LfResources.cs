using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Judging;

/// <summary>Which Lake Formation resources name a table. Glue keeps database and table names in lower case, so they compare case-insensitively.</summary>
internal static class LfResources
{
    /// <summary>Whether <paramref name="resource"/> is a table resource naming the table: itself, every table of its database, or some of its columns.</summary>
    public static bool NamesTable(LfResource resource, string database, string table) => resource switch
    {
        LfResource.Table t => Same(t.DatabaseName, database) && Same(t.Name, table),
        LfResource.AllTables all => Same(all.DatabaseName, database),
        LfResource.TableWithColumns columns => Same(columns.DatabaseName, database) && Same(columns.Name, table),
        _ => false,
    };

    /// <summary>Whether <paramref name="resource"/> names the table or its database (an opt-in for a database covers its tables).</summary>
    public static bool CoversTable(LfResource resource, string database, string table) =>
        NamesTable(resource, database, table) || (resource is LfResource.Database db && Same(db.Name, database));

    public static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
