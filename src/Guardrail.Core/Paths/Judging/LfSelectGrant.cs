using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Judging;

/// <summary>Whether the reading role holds <c>SELECT</c> on a Lake Formation-governed table, and why.</summary>
/// <param name="Granted">True: on every column; Unknown: on some columns only, or not decidable; False: no grant.</param>
/// <param name="Rule">The rule a finding names when it is not granted in full.</param>
/// <param name="Message">Why, in words.</param>
internal sealed record LfSelectGrant(Tri Granted, string Rule, string Message)
{
    /// <summary>Whether the grants are not in the snapshot at all (the hop is then unchecked, not at risk).</summary>
    public bool InputMissing { get; init; }

    /// <summary>
    /// Decides <c>SELECT</c> for <paramref name="reader"/> on the table of <paramref name="route"/>: a grant to the role
    /// (or, across accounts, to its account, re-granted to the role by its account's Lake Formation) of <c>SELECT</c>
    /// or <c>ALL</c> on the table, on every table of its database, on its columns, or through an LF-tag policy whose
    /// expression the table's tags satisfy (a table inherits its database's tags, its own tag of a key overriding
    /// them: Lake Formation DG "Lake Formation tag-based access control"). A grant on the database itself is not a
    /// table grant: AWS does not document that it lets the role read tables, so it decides nothing.
    /// </summary>
    public static LfSelectGrant Decide(PathSnapshot snapshot, TableRoute.ByLakeFormation route, RoleArn reader)
    {
        var (database, table) = (route.Table.Database!, route.Table.Table!);
        var name = $"{database}.{table}";
        if (route.Facts.Permissions is not { } permissions)
        {
            return new(Tri.Unknown, RuleIds.HopUnchecked, $"the Lake Formation permissions of account {route.Account} (ListPermissions)") { InputMissing = true };
        }

        var candidates = permissions.Where(p => p.Principal == reader.Arn).Select(p => Coverage(p, route, database, table)).ToList();
        if (reader.AccountId != route.Account)
        {
            // Shared with the role's account: that account's Lake Formation must grant the role in turn.
            var shared = permissions.Where(p => p.Principal == reader.AccountId).Select(p => Coverage(p, route, database, table)).ToList();
            if (shared.Any(c => c.Level != Level.None))
            {
                var regrants = snapshot.LakeFormation.GetValueOrDefault(reader.AccountId)?.Permissions;
                candidates.AddRange(regrants is null
                    ? [new Cover(Level.Unknown, $"{name} is shared with account {reader.AccountId}, whose Lake Formation permissions are not in the snapshot")]
                    : regrants.Where(p => p.Principal == reader.Arn && LfResources.NamesTable(p.Resource, database, table) && GrantsSelect(p))
                        .Select(_ => shared.MaxBy(c => c.Level)!));
            }
        }

        var best = candidates.MaxBy(c => c.Level);
        return best?.Level switch
        {
            Level.Full => new(Tri.True, RuleIds.LfMissingGrant, $"{reader.Arn} holds SELECT on {name}"),
            Level.Columns => new(Tri.Unknown, RuleIds.LfColumnLimited, $"{reader.Arn} holds SELECT on {name} for {best.Why} only: queries of other columns fail"),
            Level.Unknown => new(Tri.Unknown, RuleIds.LfMissingGrant, best.Why),
            _ => new(Tri.False, RuleIds.LfMissingGrant, $"No Lake Formation grant in account {route.Account} gives {reader.Arn} SELECT on {name}, which Lake Formation governs (registered at {route.Location.ResourceArn}): Spectrum's queries of it fail"),
        };
    }

    private static bool GrantsSelect(LfPermission permission) =>
        permission.Permissions.Any(p => p is "SELECT" or "ALL");

    private static Cover Coverage(LfPermission permission, TableRoute.ByLakeFormation route, string database, string table)
    {
        if (!GrantsSelect(permission))
        {
            return Cover.None;
        }

        return permission.Resource switch
        {
            LfResource.Table or LfResource.AllTables when LfResources.NamesTable(permission.Resource, database, table) => new Cover(Level.Full, "the table"),
            LfResource.TableWithColumns { ColumnNames: null, ExcludedColumnNames.Count: 0 } c when LfResources.NamesTable(c, database, table) => new Cover(Level.Full, "every column"),
            LfResource.TableWithColumns c when LfResources.NamesTable(c, database, table) => new Cover(Level.Columns, c.ColumnNames is { } names
                ? $"the columns {string.Join(", ", names)}"
                : $"every column but {string.Join(", ", c.ExcludedColumnNames!)}"),
            LfResource.Database db when LfResources.Same(db.Name, database) => new Cover(Level.Unknown, $"{permission.Principal} holds {string.Join(", ", permission.Permissions)} on database {database} only; AWS does not document that a database grant lets it read the table {table}"),
            LfResource.TagPolicy { ResourceType: LfTagResourceType.Table } policy => Tags(policy, route, database, table),
            _ => Cover.None,
        };
    }

    private static Cover Tags(LfResource.TagPolicy policy, TableRoute.ByLakeFormation route, string database, string table)
    {
        if (route.Facts.ResourceTags is not { } tags)
        {
            return new Cover(Level.Unknown, $"the LF-tags of {database}.{table} in account {route.Account} are not in the snapshot (GetResourceLFTags)");
        }

        var effective = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var own in new[] { database, $"{database}/{table}" }.Select(key => tags.FirstOrDefault(t => LfResources.Same(t.Key, key)).Value).OfType<IReadOnlyDictionary<string, IReadOnlyList<string>>>())
        {
            foreach (var (key, values) in own)
            {
                effective[key] = values;
            }
        }

        var satisfied = policy.Expression.All(term => effective.TryGetValue(term.TagKey, out var values) && values.Any(v => term.TagValues.Contains(v, StringComparer.Ordinal)));
        return satisfied ? new Cover(Level.Full, "the table's LF-tags") : Cover.None;
    }

    private enum Level
    {
        None,
        Unknown,
        Columns,
        Full,
    }

    private sealed record Cover(Level Level, string Why)
    {
        public static readonly Cover None = new(Level.None, string.Empty);
    }
}
