using System.Text.Json.Nodes;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Functions.Paths;

/// <summary>A Lake Formation resource as the snapshot writes it (<c>{"table": {"database", "name"}}</c>...), read back to grant it.</summary>
internal static class LfSnapshotResource
{
    /// <exception cref="InvalidOperationException">Not a resource the snapshot writes: nothing is granted on a guess.</exception>
    public static LfResource Read(JsonObject resource)
    {
        if (resource["table"] is JsonObject table)
        {
            var database = Text(table, "database");
            return table["tableWildcard"]?.GetValue<bool>() == true ? new LfResource.AllTables(database) : new LfResource.Table(database, Text(table, "name"));
        }

        if (resource["database"] is JsonObject db)
        {
            return new LfResource.Database(Text(db, "name"));
        }

        if (resource["tableWithColumns"] is JsonObject columns)
        {
            return new LfResource.TableWithColumns(Text(columns, "database"), Text(columns, "name"), Texts(columns["columnNames"]), Texts(columns["columnWildcard"]?["excludedColumnNames"]));
        }

        if (resource["lfTagPolicy"] is JsonObject policy)
        {
            var type = Text(policy, "resourceType") switch
            {
                "TABLE" => LfTagResourceType.Table,
                "DATABASE" => LfTagResourceType.Database,
                var other => throw Unknown($"LF-tag policy resource type {other}"),
            };
            var expression = (policy["expression"] as JsonArray ?? throw Unknown("an LF-tag policy without an expression"))
                .Select(t => t as JsonObject ?? throw Unknown("an LF-tag term"))
                .Select(t => new LfTagCondition(Text(t, "tagKey"), Texts(t["tagValues"]) ?? throw Unknown("an LF-tag term without values")))
                .ToList();
            return new LfResource.TagPolicy(type, expression);
        }

        throw Unknown(resource.ToJsonString());
    }

    private static string Text(JsonObject node, string name) => node[name]?.GetValue<string>() ?? throw Unknown($"a resource without {name}");

    private static List<string>? Texts(JsonNode? node) => node is JsonArray values ? [.. values.Select(v => v?.GetValue<string>() ?? throw Unknown("a null name"))] : null;

    private static InvalidOperationException Unknown(string what) => new($"nothing was restored: not a Lake Formation resource the guardrail grants on ({what})");
}
