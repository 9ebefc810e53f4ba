using System.Text.Json.Nodes;
using Guardrail.Aws.Rest;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Aws.LakeFormation;

/// <summary>
/// Lake Formation's <c>Resource</c> structure (the API's PascalCase JSON) to and from the snapshot's
/// <see cref="LfResource"/>. Resources the snapshot does not name (a catalog, a data location, an LF-tag key, a data
/// cells filter, a named LF-tag expression) read as null.
/// </summary>
public static class LfResourceJson
{
    /// <summary>The API's <c>Resource</c> for <paramref name="resource"/>, in <paramref name="catalogId"/>'s catalog when given.</summary>
    public static JsonObject ToApi(LfResource resource, string? catalogId = null)
    {
        JsonObject inner;
        string kind;
        switch (resource)
        {
            case LfResource.Table table:
                (kind, inner) = ("Table", new JsonObject { ["DatabaseName"] = table.DatabaseName, ["Name"] = table.Name });
                break;
            case LfResource.AllTables all:
                (kind, inner) = ("Table", new JsonObject { ["DatabaseName"] = all.DatabaseName, ["TableWildcard"] = new JsonObject() });
                break;
            case LfResource.Database database:
                (kind, inner) = ("Database", new JsonObject { ["Name"] = database.Name });
                break;
            case LfResource.TableWithColumns columns:
                inner = new JsonObject { ["DatabaseName"] = columns.DatabaseName, ["Name"] = columns.Name };
                if (columns.ColumnNames is { } names)
                {
                    inner["ColumnNames"] = Array(names);
                }
                else
                {
                    inner["ColumnWildcard"] = new JsonObject { ["ExcludedColumnNames"] = Array(columns.ExcludedColumnNames ?? []) };
                }

                kind = "TableWithColumns";
                break;
            case LfResource.TagPolicy policy:
                kind = "LFTagPolicy";
                inner = new JsonObject
                {
                    ["ResourceType"] = policy.ResourceType == LfTagResourceType.Table ? "TABLE" : "DATABASE",
                    ["Expression"] = new JsonArray([.. policy.Expression.Select(term => (JsonNode)new JsonObject { ["TagKey"] = term.TagKey, ["TagValues"] = Array(term.TagValues) })]),
                };
                break;
            default:
                throw new ArgumentException($"not a Lake Formation resource the guardrail names: {resource}", nameof(resource));
        }

        if (catalogId is not null)
        {
            inner["CatalogId"] = catalogId;
        }

        return new JsonObject { [kind] = inner };
    }

    /// <summary>The snapshot's resource for an API <c>Resource</c>; null when it is of a kind the snapshot does not name.</summary>
    public static LfResource? FromApi(JsonObject? resource)
    {
        if (JsonFields.Object(resource, "Table") is { } table && JsonFields.Text(table, "DatabaseName") is { } tableDatabase)
        {
            return table["TableWildcard"] is JsonObject
                ? new LfResource.AllTables(tableDatabase)
                : JsonFields.Text(table, "Name") is { } name ? new LfResource.Table(tableDatabase, name) : null;
        }

        if (JsonFields.Object(resource, "Database") is { } database && JsonFields.Text(database, "Name") is { } databaseName)
        {
            return new LfResource.Database(databaseName);
        }

        if (JsonFields.Object(resource, "TableWithColumns") is { } columns
            && JsonFields.Text(columns, "DatabaseName") is { } columnsDatabase
            && JsonFields.Text(columns, "Name") is { } columnsTable)
        {
            var names = JsonFields.Texts(columns, "ColumnNames");
            var wildcard = JsonFields.Object(columns, "ColumnWildcard");
            return new LfResource.TableWithColumns(columnsDatabase, columnsTable, names, wildcard is null ? null : JsonFields.Texts(wildcard, "ExcludedColumnNames") ?? []);
        }

        if (JsonFields.Object(resource, "LFTagPolicy") is { } policy && policy["Expression"] is JsonArray)
        {
            var type = JsonFields.Text(policy, "ResourceType") switch
            {
                "TABLE" => LfTagResourceType.Table,
                "DATABASE" => LfTagResourceType.Database,
                _ => (LfTagResourceType?)null,
            };
            var terms = JsonFields.Objects(policy, "Expression")
                .Select(term => JsonFields.Text(term, "TagKey") is { } key ? new LfTagCondition(key, JsonFields.Texts(term, "TagValues") ?? []) : null)
                .ToList();
            return type is null || terms.Any(t => t is null) ? null : new LfResource.TagPolicy(type.Value, [.. terms.OfType<LfTagCondition>()]);
        }

        return null;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
