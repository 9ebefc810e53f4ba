using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::LakeFormation::Permissions</c> (<c>DataLakePrincipal</c>, <c>Resource</c> with <c>DatabaseResource</c>,
/// <c>TableResource</c>, <c>TableWithColumnsResource</c>) and <c>AWS::LakeFormation::PrincipalPermissions</c>
/// (<c>Principal</c>, <c>Catalog</c>, <c>Resource</c> with <c>Database</c>, <c>Table</c>, <c>TableWithColumns</c>,
/// <c>LFTagPolicy</c>): a grant in the catalog's account (the resource's <c>CatalogId</c>, else <c>Catalog</c>,
/// else the context's account). Data locations, data cells filters and LF-tags themselves are not on the table path:
/// they propose nothing.
/// </summary>
internal sealed class LakeFormationResource(string type, string principal, string database, string table, string columns, string? tagPolicy) : ICloudFormationResource
{
    public static readonly LakeFormationResource Permissions = new("AWS::LakeFormation::Permissions", "DataLakePrincipal", "DatabaseResource", "TableResource", "TableWithColumnsResource", null);

    public static readonly LakeFormationResource PrincipalPermissions = new("AWS::LakeFormation::PrincipalPermissions", "Principal", "Database", "Table", "TableWithColumns", "LFTagPolicy");

    public string Type => type;

    public IReadOnlyList<HopKind> Touches => [HopKind.LakeFormation];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        var resourceNode = resource.Get("Resource");
        var path = resource.PathOf("Resource");
        if (resourceNode is UnknownNode u)
        {
            yield return resource.Unresolved(Touches, new Proposed<string>.Unknown(u.Property, u.Reason));
            yield break;
        }

        if (resourceNode is not MapNode map || Target(map, path) is not var (kind, body, bodyPath))
        {
            yield break;
        }

        var account = ResourceContext.Text(body["CatalogId"], bodyPath + ".CatalogId") switch
        {
            Proposed<string>.Removed => resource.Text("Catalog") is Proposed<string>.Removed && resource.Context.Account is { } a ? new Proposed<string>.Set(a) : resource.Text("Catalog"),
            var given => given,
        };
        switch (account)
        {
            case Proposed<string>.Unknown unknownAccount:
                yield return resource.Unresolved(Touches, unknownAccount);
                yield break;
            case not Proposed<string>.Set:
                yield return resource.Unresolved(Touches, new Proposed<string>.Unknown(bodyPath + ".CatalogId", "the catalog's account is not given (CatalogId, --account)"));
                yield break;
        }

        yield return new LakeFormationPermissionChange(resource.Source, ((Proposed<string>.Set)account).Value, Permission(resource, kind, body, bodyPath), true);
    }

    private (string Kind, MapNode Body, string Path)? Target(MapNode map, string path)
    {
        foreach (var key in new[] { database, table, columns, tagPolicy })
        {
            if (key is not null && map[key] is MapNode body)
            {
                return (key, body, $"{path}.{key}");
            }
        }

        return null;
    }

    private Proposed<LfPermission> Permission(ResourceContext resource, string kind, MapNode body, string path)
    {
        var node = resource.Get(principal);
        var principalText = node is MapNode p ? ResourceContext.Text(p["DataLakePrincipalIdentifier"], resource.PathOf(principal) + ".DataLakePrincipalIdentifier") : ResourceContext.Text(node, resource.PathOf(principal));
        if (FirstUnknown(principalText, body, resource.Get("Permissions")) is { } unknown)
        {
            return new Proposed<LfPermission>.Unknown(unknown.Property, unknown.Reason);
        }

        if (principalText is not Proposed<string>.Set who)
        {
            throw TemplateErrors.At(resource.Resource.Line, resource.PathOf(principal), "a Lake Formation permission names its principal (DataLakePrincipalIdentifier)");
        }

        var permissions = resource.Texts("Permissions") is Proposed<IReadOnlyList<string>>.Set set ? set.Value : [];
        string Text(string key) => ResourceContext.Text(body[key], $"{path}.{key}") is Proposed<string>.Set s ? s.Value : throw TemplateErrors.At(body, $"{path}.{key}", $"the {kind} resource names no {key}");
        IReadOnlyList<string>? List(TemplateNode? n, string at) => ResourceContext.Texts(n, at) is Proposed<IReadOnlyList<string>>.Set s ? s.Value : null;

        LfResource target = kind == database ? new LfResource.Database(Text("Name"))
            : kind == table ? body["TableWildcard"] is not null ? new LfResource.AllTables(Text("DatabaseName")) : new LfResource.Table(Text("DatabaseName"), Text("Name"))
            : kind == columns ? new LfResource.TableWithColumns(Text("DatabaseName"), Text("Name"), List(body["ColumnNames"], path + ".ColumnNames"), (body["ColumnWildcard"] as MapNode)?["ExcludedColumnNames"] is { } excluded ? List(excluded, path + ".ColumnWildcard.ExcludedColumnNames") : null)
            : TagPolicy(body, path);
        return new Proposed<LfPermission>.Set(new LfPermission(who.Value, target, permissions));
    }

    private static LfResource.TagPolicy TagPolicy(MapNode body, string path)
    {
        var resourceType = (body["ResourceType"] as ScalarNode)?.Value switch
        {
            "TABLE" => LfTagResourceType.Table,
            "DATABASE" => LfTagResourceType.Database,
            _ => throw TemplateErrors.At(body, path + ".ResourceType", "an LF-tag policy is for TABLE or DATABASE"),
        };
        var expression = (body["Expression"] as ListNode)?.Items.OfType<MapNode>().Select((term, i) => new LfTagCondition(
            (term["TagKey"] as ScalarNode)?.Value ?? throw TemplateErrors.At(term, $"{path}.Expression[{i}].TagKey", "an LF-tag expression term names its TagKey"),
            ResourceContext.Texts(term["TagValues"], $"{path}.Expression[{i}].TagValues") is Proposed<IReadOnlyList<string>>.Set v ? v.Value : [])).ToList() ?? [];
        return new LfResource.TagPolicy(resourceType, expression);
    }

    private static IUnknownValue? FirstUnknown(Proposed<string> principal, MapNode body, TemplateNode? permissions) =>
        principal as IUnknownValue
        ?? (PolicyDocuments.FirstUnknown(body) is { } b ? new Proposed<string>.Unknown(b.Property, b.Reason) : null)
        ?? (permissions is not null && PolicyDocuments.FirstUnknown(permissions) is { } p ? new Proposed<string>.Unknown(p.Property, p.Reason) : null);

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) =>
        Changes(resource).Select(c => c is LakeFormationPermissionChange grant ? grant with { Granted = false } : c);
}
