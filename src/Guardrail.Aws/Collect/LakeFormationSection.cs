using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.LakeFormation;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>lakeFormation</c> section, by account: the locations registered over the path's buckets, the grants of the
/// reading role (and of its account, and of <c>IAM_ALLOWED_PRINCIPALS</c>) on each table, its database and all its
/// database's tables, the LF-tags of each table and database (when a grant through an LF-tag policy is on the path:
/// they decide nothing else), and (for a location in hybrid access mode) the
/// opt-ins. An account whose registrations or grants cannot be read is left out whole (unknown), and reported; the
/// tags and opt-ins are parts of their own, left out alone. Returns the registration roles, which are roles of the path.
/// </summary>
internal static class LakeFormationSection
{
    public const string IamAllowedPrincipals = "IAM_ALLOWED_PRINCIPALS";

    public static async Task<(JsonObject Section, IReadOnlyList<RoleArn> RegistrationRoles)> CollectAsync(CollectionContext context, IReadOnlyList<TableTarget> tables, IReadOnlyDictionary<string, string> bucketAccounts, RoleArn? readingRole)
    {
        var section = new JsonObject();
        var roles = new List<RoleArn>();
        var buckets = tables.Select(t => t.Bucket).Distinct(StringComparer.Ordinal).ToList();
        var accounts = tables.Select(t => t.CatalogAccount).OfType<string>()
            .Concat(buckets.Select(b => bucketAccounts.GetValueOrDefault(b) ?? context.OwnAccount))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var catalogTables = tables.Where(t => t.CatalogAccount == account && t.Database is not null && t.Table is not null).ToList();
            if (await AccountAsync(context, account, buckets, catalogTables, readingRole, roles).ConfigureAwait(false) is { } entry)
            {
                section[account] = entry;
            }
        }

        return (section, roles);
    }

    private static async Task<JsonObject?> AccountAsync(CollectionContext context, string account, IReadOnlyList<string> buckets, IReadOnlyList<TableTarget> tables, RoleArn? readingRole, List<RoleArn> roles)
    {
        var resource = $"Lake Formation of {account} in {context.Region}";
        if (await context.TryAsync(resource, () => context.In(account)).ConfigureAwait(false) is not { } readers)
        {
            return null;
        }

        var lf = readers.Value.LakeFormation;
        var registered = await context.TryAsync(resource, () => context.Once($"lf-resources {account}", () => lf.ListResourcesAsync(context.Token))).ConfigureAwait(false);
        if (registered is null)
        {
            return null;
        }

        var locations = registered.Value.Where(l => buckets.Any(b => Covers(l.ResourceArn, b))).OrderBy(l => l.ResourceArn, StringComparer.Ordinal).ToList();
        var permissions = await PermissionsAsync(context, lf, account, tables, readingRole, resource).ConfigureAwait(false);
        if (permissions is null)
        {
            return null;
        }

        var entry = new JsonObject
        {
            ["resources"] = new JsonArray([.. locations.Select(l => (JsonNode?)new JsonObject { ["resourceArn"] = l.ResourceArn, ["roleArn"] = l.RoleArn, ["hybridAccessEnabled"] = l.HybridAccessEnabled })]),
            ["permissions"] = permissions,
        };
        // Tags decide only grants made through LF-tag policies: read when such a grant is on the path.
        if (permissions.Any(p => p?["resource"]?["lfTagPolicy"] is not null)
            && await TagsAsync(context, lf, account, tables, resource).ConfigureAwait(false) is { } tags)
        {
            entry["resourceTags"] = tags;
        }

        // Opt-ins only change anything for a location in hybrid access mode: otherwise they are not read (left out).
        if (locations.Any(l => l.HybridAccessEnabled)
            && await context.TryAsync(resource, () => context.Once($"lf-opt-ins {account}", () => lf.ListOptInsAsync(null, null, context.Token))).ConfigureAwait(false) is { } optIns)
        {
            entry["optIns"] = new JsonArray([.. optIns.Value.Where(o => o.Resource is not null)
                .Select(o => (JsonNode?)new JsonObject { ["principal"] = o.Principal, ["resource"] = LfResourceSnapshotJson.Of(o.Resource!) })]);
        }

        foreach (var location in locations)
        {
            if (RoleArn.TryParse(location.RoleArn, out var role) && role is not null)
            {
                roles.Add(role);
            }
            else
            {
                context.Note($"{location.ResourceArn} is registered with {location.RoleArn}, which is not a role ARN: its role is not collected");
            }
        }

        return entry;
    }

    // Every grant that can give the reading role a table: to the role, to its account (cross-account), and to
    // IAM_ALLOWED_PRINCIPALS; on the table, on all tables of its database, on the database, and through LF-tag policies.
    private static async Task<JsonArray?> PermissionsAsync(CollectionContext context, ILakeFormationReader lf, string account, IReadOnlyList<TableTarget> tables, RoleArn? readingRole, string resource)
    {
        var principals = new List<string> { IamAllowedPrincipals };
        if (readingRole is not null)
        {
            principals.Add(readingRole.Arn);
            if (readingRole.AccountId != account)
            {
                principals.Add(readingRole.AccountId);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var grants = new JsonArray();
        void Keep(IEnumerable<LfPermissionEntry> entries)
        {
            foreach (var entry in entries.Where(e => e.Resource is not null && e.Permissions.Count > 0 && OnPath(e.Resource, tables)))
            {
                var grant = new JsonObject
                {
                    ["principal"] = entry.Principal,
                    ["resource"] = LfResourceSnapshotJson.Of(entry.Resource!),
                    ["permissions"] = LfResourceSnapshotJson.Strings(entry.Permissions),
                };
                if (seen.Add(grant.ToJsonString()))
                {
                    grants.Add((JsonNode)grant);
                }
            }
        }

        // One listing per resource type covers every table, wildcard, column and database grant (Lake Formation
        // filters by principal only together with one resource); the path's principals' grants are kept.
        foreach (var type in tables.Count > 0 ? new[] { "TABLE", "DATABASE" } : [])
        {
            var read = await context.TryAsync(resource, () => context.Once($"lf-permissions {account} {type}", () => lf.ListPermissionsOfTypeAsync(type, context.Token))).ConfigureAwait(false);
            if (read is null)
            {
                return null;
            }

            Keep(read.Value.Where(e => principals.Contains(e.Principal)));
        }

        // Grants through LF-tag policies name an expression, not a table: listed once, kept for the path's principals.
        if (tables.Count > 0)
        {
            var tagged = await context.TryAsync(resource, () => context.Once($"lf-tag-policy-permissions {account}", () => lf.ListTagPolicyTablePermissionsAsync(context.Token))).ConfigureAwait(false);
            if (tagged is null)
            {
                return null;
            }

            Keep(tagged.Value.Where(e => principals.Contains(e.Principal)));
        }

        return grants;
    }

    // A grant bears on the path when it names one of its tables or their databases, or is an LF-tag policy.
    private static bool OnPath(LfResource resource, IReadOnlyList<TableTarget> tables) =>
        resource is LfResource.TagPolicy || tables.Any(t => resource switch
        {
            LfResource.Table table => Same(table.DatabaseName, t.Database!) && Same(table.Name, t.Table!),
            LfResource.AllTables all => Same(all.DatabaseName, t.Database!),
            LfResource.TableWithColumns columns => Same(columns.DatabaseName, t.Database!) && Same(columns.Name, t.Table!),
            LfResource.Database database => Same(database.Name, t.Database!),
            _ => false,
        });

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static async Task<JsonObject?> TagsAsync(CollectionContext context, ILakeFormationReader lf, string account, IReadOnlyList<TableTarget> tables, string resource)
    {
        var tags = new JsonObject();
        foreach (var table in tables.DistinctBy(t => (t.Database, t.Table)))
        {
            // The database and the table are asked for one at a time: each answer then holds the tags of its own resource.
            var lfDatabase = new LfResource.Database(table.Database!);
            var lfTable = new LfResource.Table(table.Database!, table.Table!);
            var database = await context.TryAsync(resource, () => context.Once($"lf-tags {account} {lfDatabase}", () => lf.GetResourceTagsAsync(lfDatabase, context.Token))).ConfigureAwait(false);
            var read = await context.TryAsync(resource, () => context.Once($"lf-tags {account} {lfTable}", () => lf.GetResourceTagsAsync(lfTable, context.Token))).ConfigureAwait(false);
            if (database is null || read is null)
            {
                return null;
            }

            tags[table.Database!] = Tags(database.Value.OnDatabase);
            tags[$"{table.Database}/{table.Table}"] = Tags(read.Value.OnTable);
        }

        return tags;
    }

    private static JsonObject Tags(IReadOnlyDictionary<string, IReadOnlyList<string>> tags) =>
        new(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)LfResourceSnapshotJson.Strings(t.Value))));

    // arn:aws:s3:::bucket covers the whole bucket; arn:aws:s3:::bucket/prefix a part of it.
    private static bool Covers(string resourceArn, string bucket)
    {
        var path = resourceArn.Split(":::", 2) is [_, var rest] ? rest : string.Empty;
        return path == bucket || path.StartsWith(bucket + "/", StringComparison.Ordinal);
    }
}
