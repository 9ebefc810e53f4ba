using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Changes;

/// <summary>
/// What changed in one account's Lake Formation state, element by element: each registered location (by ARN), each
/// grant (principal, resource and permissions: a revoke is a removed grant), each resource's LF-tags, each opt-in.
/// </summary>
internal static class LakeFormationDiff
{
    /// <summary>Each changed element as (label, before, after); null is "not there".</summary>
    public static IEnumerable<(string Label, string? Before, string? After)> Compare(string account, LakeFormationFacts? before, LakeFormationFacts? after)
    {
        var where = $"in account {account}";
        foreach (var change in Keyed(before?.Resources, after?.Resources, r => r.ResourceArn, r => $"role {r.RoleArn}{(r.HybridAccessEnabled ? ", hybrid access mode" : string.Empty)}"))
        {
            yield return ($"Lake Formation registration of {change.Key} {where}", change.Before, change.After);
        }

        foreach (var change in Keyed(before?.Permissions, after?.Permissions, p => $"{p.Principal} on {Describe(p.Resource)}", p => string.Join(", ", p.Permissions.Order(StringComparer.Ordinal))))
        {
            yield return ($"Lake Formation grant to {change.Key} {where}", change.Before, change.After);
        }

        var oldTags = before?.ResourceTags ?? new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        var newTags = after?.ResourceTags ?? new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        foreach (var resource in oldTags.Keys.Concat(newTags.Keys).Distinct(StringComparer.Ordinal))
        {
            var old = Tags(oldTags.GetValueOrDefault(resource));
            var now = Tags(newTags.GetValueOrDefault(resource));
            if (old != now)
            {
                yield return ($"LF-tags of {resource} {where}", old, now);
            }
        }

        foreach (var change in Keyed(before?.OptIns, after?.OptIns, o => $"{o.Principal} for {Describe(o.Resource)}", _ => "opted in"))
        {
            yield return ($"Lake Formation opt-in of {change.Key} {where}", change.Before, change.After);
        }
    }

    /// <summary>A resource in words: <c>table sales.orders</c>, <c>every table of sales</c>, <c>LF-tags domain=sales</c>...</summary>
    public static string Describe(LfResource resource) => resource switch
    {
        LfResource.Table t => $"table {t.DatabaseName}.{t.Name}",
        LfResource.AllTables all => $"every table of {all.DatabaseName}",
        LfResource.Database db => $"database {db.Name}",
        LfResource.TableWithColumns c => $"table {c.DatabaseName}.{c.Name} ({(c.ColumnNames is { } names ? "columns " + string.Join(", ", names) : "all columns but " + string.Join(", ", c.ExcludedColumnNames ?? []))})",
        LfResource.TagPolicy p => $"{p.ResourceType.ToString().ToUpperInvariant()} LF-tags {string.Join(" and ", p.Expression.Select(e => $"{e.TagKey}={string.Join("|", e.TagValues)}"))}",
        _ => "a resource",
    };

    private static IEnumerable<(string Key, string? Before, string? After)> Keyed<T>(IReadOnlyList<T>? before, IReadOnlyList<T>? after, Func<T, string> key, Func<T, string> value)
    {
        // Repeated keys (the same grant listed twice) merge: their values are joined.
        static Dictionary<string, string> Index(IReadOnlyList<T>? items, Func<T, string> key, Func<T, string> value) =>
            (items ?? []).GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(value).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal);

        var old = Index(before, key, value);
        var now = Index(after, key, value);
        foreach (var name in old.Keys.Concat(now.Keys).Distinct(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(name);
            var current = now.GetValueOrDefault(name);
            if (was != current)
            {
                yield return (name, was, current);
            }
        }
    }

    private static string? Tags(IReadOnlyDictionary<string, IReadOnlyList<string>>? tags) => tags is null ? null
        : string.Join("; ", tags.Select(t => $"{t.Key}={string.Join("|", t.Value)}").Order(StringComparer.Ordinal));
}
