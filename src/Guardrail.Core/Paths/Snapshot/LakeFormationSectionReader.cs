using System.Text.Json;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Reads the <c>lakeFormation</c> section: per account, the registered locations, the permissions, the LF-tags of
/// databases and tables and the hybrid-mode opt-ins, in the shapes of Lake Formation's APIs, camelCased.
/// </summary>
internal static class LakeFormationSectionReader
{
    /// <summary>The principal <c>ListPermissions</c> names for "IAM alone controls access".</summary>
    public const string IamAllowedPrincipals = "IAM_ALLOWED_PRINCIPALS";

    private static readonly KnownNames AccountNames = new("resources", "permissions", "resourceTags", "optIns");
    private static readonly KnownNames LocationNames = new("resourceArn", "roleArn", "hybridAccessEnabled");
    private static readonly KnownNames PermissionNames = new("principal", "resource", "permissions");
    private static readonly KnownNames OptInNames = new("principal", "resource");
    private static readonly KnownNames ResourceNames = new("table", "database", "tableWithColumns", "lfTagPolicy");
    private static readonly KnownNames TableNames = new("database", "name", "tableWildcard");
    private static readonly KnownNames DatabaseNames = new("name");
    private static readonly KnownNames ColumnsNames = new("database", "name", "columnNames", "columnWildcard");
    private static readonly KnownNames WildcardNames = new("excludedColumnNames");
    private static readonly KnownNames TagPolicyNames = new("resourceType", "expression");
    private static readonly KnownNames TagTermNames = new("tagKey", "tagValues");

    private static readonly (string, LfTagResourceType)[] TagResourceTypes = [("TABLE", LfTagResourceType.Table), ("DATABASE", LfTagResourceType.Database)];

    public static Dictionary<string, LakeFormationFacts> Read(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, AwsIdentifiers.AccountIdProblem, static (account, accountPath, _) => Account(account, accountPath));

    private static LakeFormationFacts Account(JsonElement element, JsonLocation path)
    {
        var account = SnapshotObject.Read(element, path, AccountNames);
        var resources = account.TryGet(0, out var resourcesElement, out var resourcesPath) ? SnapshotJson.Array(resourcesElement, resourcesPath, Location) : null;
        var permissions = account.TryGet(1, out var permissionsElement, out var permissionsPath) ? SnapshotJson.Array(permissionsElement, permissionsPath, Permission) : null;
        var tags = account.TryGet(2, out var tagsElement, out var tagsPath) ? SnapshotJson.Map(tagsElement, tagsPath, CatalogNameProblem, static (tag, tagPath, _) => TagMap(tag, tagPath)) : null;
        var optIns = account.TryGet(3, out var optInsElement, out var optInsPath) ? SnapshotJson.Array(optInsElement, optInsPath, OptIn) : null;
        return new LakeFormationFacts(
            resources,
            permissions,
            tags?.ToDictionary(t => t.Key, IReadOnlyDictionary<string, IReadOnlyList<string>> (t) => t.Value, StringComparer.Ordinal),
            optIns);
    }

    private static LfRegisteredLocation Location(JsonElement element, JsonLocation path)
    {
        var location = SnapshotObject.Read(element, path, LocationNames);
        var arn = SnapshotJson.Checked(location.Required(0, out var arnPath), arnPath, S3LocationProblem);
        var role = SnapshotJson.Checked(location.Required(1, out var rolePath), rolePath, RoleArn.Problem);
        var hybrid = location.TryGet(2, out var hybridElement, out var hybridPath) && SnapshotJson.Boolean(hybridElement, hybridPath);
        return new LfRegisteredLocation(arn, role, hybrid);
    }

    private static LfPermission Permission(JsonElement element, JsonLocation path)
    {
        var permission = SnapshotObject.Read(element, path, PermissionNames);
        var principal = SnapshotJson.Checked(permission.Required(0, out var principalPath), principalPath, PrincipalProblem);
        var resource = Resource(permission.Required(1, out var resourcePath), resourcePath);
        var granted = SnapshotJson.Array(permission.Required(2, out var grantedPath), grantedPath, static (p, pPath) => SnapshotJson.Checked(p, pPath, PermissionProblem));
        return new LfPermission(principal, resource, granted);
    }

    private static LfOptIn OptIn(JsonElement element, JsonLocation path)
    {
        var optIn = SnapshotObject.Read(element, path, OptInNames);
        var principal = SnapshotJson.Checked(optIn.Required(0, out var principalPath), principalPath, PrincipalProblem);
        return new LfOptIn(principal, Resource(optIn.Required(1, out var resourcePath), resourcePath));
    }

    /// <summary>Exactly one of <c>table</c>, <c>database</c>, <c>tableWithColumns</c> or <c>lfTagPolicy</c>, as Lake Formation's <c>Resource</c>.</summary>
    private static LfResource Resource(JsonElement element, JsonLocation path)
    {
        var resource = SnapshotObject.Read(element, path, ResourceNames);
        var given = Enumerable.Range(0, 4).Where(i => resource.TryGet(i, out _, out _)).ToList();
        if (given.Count != 1)
        {
            throw SnapshotJson.Error(path, $"a resource names exactly one of \"table\", \"database\", \"tableWithColumns\" or \"lfTagPolicy\" (this one names {given.Count})");
        }

        resource.TryGet(given[0], out var value, out var valuePath);
        return given[0] switch
        {
            0 => Table(value, valuePath),
            1 => new LfResource.Database(CatalogName(SnapshotObject.Read(value, valuePath, DatabaseNames), 0)),
            2 => Columns(value, valuePath),
            _ => TagPolicy(value, valuePath),
        };
    }

    private static LfResource Table(JsonElement element, JsonLocation path)
    {
        var table = SnapshotObject.Read(element, path, TableNames);
        var database = CatalogName(table, 0);
        var hasName = table.TryGet(1, out var nameElement, out var namePath);
        var wildcard = table.TryGet(2, out var wildcardElement, out var wildcardPath) && SnapshotJson.Boolean(wildcardElement, wildcardPath);
        return (hasName, wildcard) switch
        {
            (true, false) => new LfResource.Table(database, SnapshotJson.Checked(nameElement, namePath, CatalogNameProblem)),
            (false, true) => new LfResource.AllTables(database),
            _ => throw SnapshotJson.Error(path, "a table resource names either its \"name\" or \"tableWildcard\": true, not both or neither"),
        };
    }

    private static LfResource.TableWithColumns Columns(JsonElement element, JsonLocation path)
    {
        var columns = SnapshotObject.Read(element, path, ColumnsNames);
        var database = CatalogName(columns, 0);
        var name = CatalogName(columns, 1);
        var names = columns.TryGet(2, out var namesElement, out var namesPath) ? SnapshotJson.Array(namesElement, namesPath, SnapshotJson.NonEmpty) : null;
        List<string>? excluded = null;
        if (columns.TryGet(3, out var wildcardElement, out var wildcardPath))
        {
            var wildcard = SnapshotObject.Read(wildcardElement, wildcardPath, WildcardNames);
            excluded = wildcard.TryGet(0, out var excludedElement, out var excludedPath) ? SnapshotJson.Array(excludedElement, excludedPath, SnapshotJson.NonEmpty) : [];
        }

        if ((names is null) == (excluded is null))
        {
            throw SnapshotJson.Error(path, "a tableWithColumns resource names either \"columnNames\" or \"columnWildcard\", not both or neither");
        }

        return new LfResource.TableWithColumns(database, name, names, excluded);
    }

    private static LfResource.TagPolicy TagPolicy(JsonElement element, JsonLocation path)
    {
        var policy = SnapshotObject.Read(element, path, TagPolicyNames);
        var type = SnapshotJson.Choice(policy.Required(0, out var typePath), typePath, TagResourceTypes);
        var expression = SnapshotJson.Array(policy.Required(1, out var expressionPath), expressionPath, static (term, termPath) =>
        {
            var condition = SnapshotObject.Read(term, termPath, TagTermNames);
            var key = SnapshotJson.NonEmpty(condition.Required(0, out var keyPath), keyPath);
            var values = SnapshotJson.Array(condition.Required(1, out var valuesPath), valuesPath, SnapshotJson.NonEmpty);
            return new LfTagCondition(key, values);
        });
        if (expression.Count == 0)
        {
            throw SnapshotJson.Error(expressionPath, "an LF-tag expression has at least one term");
        }

        return new LfResource.TagPolicy(type, expression);
    }

    private static Dictionary<string, IReadOnlyList<string>> TagMap(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map<IReadOnlyList<string>>(element, path, static key => key.Length == 0 ? "an LF-tag key must not be empty" : null, static (values, valuesPath, _) => SnapshotJson.Array(values, valuesPath, SnapshotJson.NonEmpty));

    private static string CatalogName(SnapshotObject owner, int index) =>
        SnapshotJson.Checked(owner.Required(index, out var path), path, CatalogNameProblem);

    // Glue names databases and tables with 1 to 255 characters; resourceTags keys are DB or DB/TABLE.
    private static string? CatalogNameProblem(string value) => value.Length is >= 1 and <= 511 ? null : "a database or table name has 1 to 255 characters";

    private static string? PrincipalProblem(string value) =>
        value == IamAllowedPrincipals || AwsIdentifiers.IsAccountId(value) || RoleArn.Problem(value) is null || value.StartsWith("arn:", StringComparison.Ordinal)
            ? null
            : $"a principal is a role ARN, an account id or \"{IamAllowedPrincipals}\"";

    private static string? PermissionProblem(string value) =>
        value.Length is >= 1 and <= 64 && value.All(c => c is (>= 'A' and <= 'Z') or '_') ? null : "a Lake Formation permission is an upper-case name such as \"SELECT\", \"DESCRIBE\" or \"ALL\"";

    private static string? S3LocationProblem(string value)
    {
        const string Prefix = ":s3:::";
        var at = value.IndexOf(Prefix, StringComparison.Ordinal);
        if (!value.StartsWith("arn:", StringComparison.Ordinal) || at < 0 || !AwsPartitions.IsKnown(value[4..at]))
        {
            return "a registered location is arn:PARTITION:s3:::BUCKET or arn:PARTITION:s3:::BUCKET/PREFIX";
        }

        var bucket = value[(at + Prefix.Length)..].Split('/', 2)[0];
        return AwsIdentifiers.BucketNameProblem(bucket);
    }
}
