using System.Text.Json.Nodes;
using Guardrail.Aws.Rest;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Aws.LakeFormation;

/// <summary>
/// The parameters of a <c>GrantPermissions</c> (and of the <c>RevokePermissions</c> it undoes: the two take the
/// same ones). The resource is kept as the API's JSON text, so a resource of any kind is granted back exactly.
/// </summary>
/// <param name="Principal">The <c>DataLakePrincipalIdentifier</c>: a role ARN, an account id, <c>IAM_ALLOWED_PRINCIPALS</c>...</param>
/// <param name="ResourceJson">The API's <c>Resource</c> object, as JSON text.</param>
/// <param name="Permissions">The permissions (<c>SELECT</c>...).</param>
/// <param name="PermissionsWithGrantOption">The permissions the principal may grant on; empty for none.</param>
/// <param name="CatalogId">The catalog's account; null for the caller's.</param>
/// <param name="ConditionExpression">The grant's <c>Condition.Expression</c>; null for none.</param>
public sealed record LfGrant(
    string Principal,
    string ResourceJson,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> PermissionsWithGrantOption,
    string? CatalogId = null,
    string? ConditionExpression = null)
{
    /// <summary>A grant of <paramref name="permissions"/> on a resource the snapshot names.</summary>
    public static LfGrant On(string principal, LfResource resource, IReadOnlyList<string> permissions, string? catalogId = null) =>
        new(principal, LfResourceJson.ToApi(resource).ToJsonString(), permissions, [], catalogId);

    /// <summary>
    /// The grant that undoes a <c>RevokePermissions</c>, from its request: the API's parameters or CloudTrail's
    /// <c>requestParameters</c> (which spell the same names in camelCase).
    /// </summary>
    /// <exception cref="ArgumentException">The request names no principal, resource or permissions.</exception>
    public static LfGrant InverseOfRevoke(JsonObject revokeRequest)
    {
        var request = Pascal(revokeRequest);
        var principal = JsonFields.Text(JsonFields.Object(request, "Principal"), "DataLakePrincipalIdentifier")
            ?? throw new ArgumentException("the revoke names no Principal.DataLakePrincipalIdentifier", nameof(revokeRequest));
        var resource = JsonFields.Object(request, "Resource") ?? throw new ArgumentException("the revoke names no Resource", nameof(revokeRequest));
        var permissions = JsonFields.Texts(request, "Permissions") ?? [];
        var withGrant = JsonFields.Texts(request, "PermissionsWithGrantOption") ?? [];
        if (permissions.Count == 0 && withGrant.Count == 0)
        {
            throw new ArgumentException("the revoke names no permissions", nameof(revokeRequest));
        }

        return new LfGrant(principal, resource.ToJsonString(), permissions, withGrant, JsonFields.Text(request, "CatalogId"), JsonFields.Text(JsonFields.Object(request, "Condition"), "Expression"));
    }

    /// <summary>The <c>GrantPermissions</c> request body.</summary>
    public JsonObject ToRequest()
    {
        var body = new JsonObject
        {
            [nameof(Principal)] = new JsonObject { ["DataLakePrincipalIdentifier"] = Principal },
            ["Resource"] = JsonNode.Parse(ResourceJson),
            [nameof(Permissions)] = new JsonArray([.. Permissions.Select(p => (JsonNode)JsonValue.Create(p))]),
        };
        if (PermissionsWithGrantOption.Count > 0)
        {
            body[nameof(PermissionsWithGrantOption)] = new JsonArray([.. PermissionsWithGrantOption.Select(p => (JsonNode)JsonValue.Create(p))]);
        }

        if (CatalogId is not null)
        {
            body[nameof(CatalogId)] = CatalogId;
        }

        if (ConditionExpression is not null)
        {
            body["Condition"] = new JsonObject { ["Expression"] = ConditionExpression };
        }

        return body;
    }

    // CloudTrail writes "resource": {"table": {"databaseName": ...}}; the API takes "Resource": {"Table": {"DatabaseName": ...}}.
    // Only names change: values (names of databases, tables, columns) are kept as they are.
    private static JsonObject Pascal(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in source)
        {
            var key = name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
            copy[key] = value switch
            {
                JsonObject inner => Pascal(inner),
                JsonArray array => new JsonArray([.. array.Select(item => item is JsonObject o ? Pascal(o) : item?.DeepClone())]),
                _ => value?.DeepClone(),
            };
        }

        return copy;
    }
}
