using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Text;

namespace Guardrail.Functions.Configuration.Documents;

/// <summary>The rules of one path: its name (unique), role chain, cluster and tables, and how they agree.</summary>
internal static class PathEntryValidator
{
    public static IReadOnlyList<PathEntry>? Paths(NodeReader read, IReadOnlyList<DocumentNode> items)
    {
        var paths = new List<PathEntry>(items.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"$.paths[{i}]";
            if (Path(read, items[i], at) is not { } path)
            {
                continue;
            }

            if (names.TryGetValue(path.Name, out var other))
            {
                read.Problems.Add($"{at}.name", $"{SafeText.Quote(path.Name)} is the name of $.paths[{other}] too; path names are unique");
                continue;
            }

            names[path.Name] = i;
            paths.Add(path);
        }

        return paths.Count == items.Count ? paths : null;
    }

    private static PathEntry? Path(NodeReader read, DocumentNode node, string at)
    {
        if (read.Object(node, at, "name", "roleChain", "cluster", "tables", "rollback", "breakGlassRoles") is not { } o)
        {
            return null;
        }

        var before = read.Problems.Count;
        var name = read.Text(o, "name", at, ConfigValueRules.PathName, "the path's name (unique; it names the path in alerts)");
        IReadOnlyList<string>? chain = null;
        if (!NodeReader.Has(o, "roleChain"))
        {
            read.Problems.Add($"{at}.roleChain", $"missing: the roles Redshift assumes in turn (1 to {RoleArn.MaxChainLength} role ARNs)");
        }
        else if (read.Texts(NodeReader.Get(o, "roleChain")!, $"{at}.roleChain", RoleArn.MaxChainLength, RoleArn.Problem) is { } roles)
        {
            if (roles.Count == 0)
            {
                read.Problems.Add($"{at}.roleChain", $"is empty; a chain has 1 to {RoleArn.MaxChainLength} role ARNs");
            }

            chain = roles;
        }

        var cluster = NodeReader.Has(o, "cluster") ? ClusterValidator.Cluster(read, NodeReader.Get(o, "cluster")!, $"{at}.cluster") : null;
        var tables = NodeReader.Has(o, "tables") ? Tables(read, NodeReader.Get(o, "tables")!, $"{at}.tables") : Missing(read, $"{at}.tables", "the tables the path reads (at least one)");
        var rollback = NodeReader.Has(o, "rollback") ? ConfigDocumentValidator.Rollback(read, NodeReader.Get(o, "rollback")!, $"{at}.rollback") : null;
        var breakGlass = NodeReader.Has(o, "breakGlassRoles") ? ConfigDocumentValidator.BreakGlassRoles(read, NodeReader.Get(o, "breakGlassRoles")!, $"{at}.breakGlassRoles") : null;
        if (read.Problems.Count > before || name is null || chain is null || tables is null)
        {
            return null;
        }

        var path = new PathEntry(name, chain, cluster, tables, rollback, breakGlass);
        return Agrees(read, path, at) ? path : null;
    }

    // The cluster, the chain and the tables must describe one path Spectrum can take.
    private static bool Agrees(NodeReader read, PathEntry path, string at)
    {
        if (path.Cluster is not { } cluster)
        {
            return true;
        }

        var before = read.Problems.Count;
        var first = RoleArn.Parse(path.RoleChain[0]);
        if (first.AccountId != cluster.Account)
        {
            read.Problems.Add($"{at}.roleChain[0]", $"the first role is in account {first.AccountId}, not the cluster's ({cluster.Account}): Redshift can only use a role of its own account first");
        }

        for (var i = 0; i < path.Tables.Count; i++)
        {
            if (path.Tables[i].Region != cluster.Region)
            {
                read.Problems.Add($"{at}.tables[{i}].region", $"{path.Tables[i].Region} is not the cluster's Region ({cluster.Region}): Spectrum reads buckets in its own Region only");
            }
        }

        return read.Problems.Count == before;
    }

    private static List<TableEntry>? Tables(NodeReader read, DocumentNode node, string at)
    {
        if (read.List(node, at, DocumentLimits.MaxTablesPerPath) is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            read.Problems.Add(at, "is empty; a path reads at least one table");
            return null;
        }

        var tables = new List<TableEntry>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (TableValidator.Table(read, items[i], DocumentPath.Index(at, i)) is { } table)
            {
                tables.Add(table);
            }
        }

        return tables.Count == items.Count ? tables : null;
    }

    private static List<TableEntry>? Missing(NodeReader read, string at, string what)
    {
        read.Problems.Add(at, $"missing: {what}");
        return null;
    }
}
