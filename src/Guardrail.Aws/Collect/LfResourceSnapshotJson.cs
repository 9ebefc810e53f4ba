using System.Text.Json.Nodes;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Aws.Collect;

/// <summary>A Lake Formation resource in the snapshot's camelCase shape (<c>{"table": {"database", "name"}}</c>...).</summary>
internal static class LfResourceSnapshotJson
{
    public static JsonObject Of(LfResource resource) => resource switch
    {
        LfResource.Table t => new JsonObject { ["table"] = new JsonObject { ["database"] = t.DatabaseName, ["name"] = t.Name } },
        LfResource.AllTables a => new JsonObject { ["table"] = new JsonObject { ["database"] = a.DatabaseName, ["tableWildcard"] = true } },
        LfResource.Database d => new JsonObject { ["database"] = new JsonObject { ["name"] = d.Name } },
        LfResource.TableWithColumns c => new JsonObject { ["tableWithColumns"] = Columns(c) },
        LfResource.TagPolicy p => new JsonObject
        {
            ["lfTagPolicy"] = new JsonObject
            {
                ["resourceType"] = p.ResourceType == LfTagResourceType.Table ? "TABLE" : "DATABASE",
                ["expression"] = new JsonArray([.. p.Expression.Select(term => (JsonNode?)new JsonObject { ["tagKey"] = term.TagKey, ["tagValues"] = Strings(term.TagValues) })]),
            },
        },
        _ => throw new ArgumentException($"not a resource the snapshot names: {resource}", nameof(resource)),
    };

    private static JsonObject Columns(LfResource.TableWithColumns columns)
    {
        var node = new JsonObject { ["database"] = columns.DatabaseName, ["name"] = columns.Name };
        if (columns.ColumnNames is { } names)
        {
            node["columnNames"] = Strings(names);
        }

        if (columns.ExcludedColumnNames is { } excluded)
        {
            node["columnWildcard"] = new JsonObject { ["excludedColumnNames"] = Strings(excluded) };
        }

        return node;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
