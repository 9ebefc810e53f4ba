using System.Text.Json;
using Guardrail.Changes.CloudFormation.Resources;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// The resource types that can change Spectrum's path, each mapped by its own small type; and the entry point for
/// one resource's already-resolved properties (a CloudFormation hook's <c>resourceProperties</c>).
/// </summary>
public static class CloudFormationResources
{
    private static readonly Dictionary<string, ICloudFormationResource> Mappers = new ICloudFormationResource[]
    {
        new BucketPolicyResource(),
        new BucketResource(),
        new RoleResource(),
        InlinePolicyResource.Policy,
        InlinePolicyResource.RolePolicy,
        new ManagedPolicyResource(),
        new KmsKeyResource(),
        ClusterRolesResource.Provisioned,
        ClusterRolesResource.Serverless,
        new VpcEndpointResource(),
        LakeFormationResource.Permissions,
        LakeFormationResource.PrincipalPermissions,
        new OrganizationPolicyResource(),
    }.Concat(ServerlessResource.All).ToDictionary(m => m.Type, StringComparer.Ordinal);

    /// <summary>The resource types read (every other type proposes nothing).</summary>
    public static IReadOnlyCollection<string> Types => Mappers.Keys;

    internal static ICloudFormationResource? For(string type) => Mappers.GetValueOrDefault(type);

    /// <summary>
    /// The changes one resource proposes, from its properties as CloudFormation resolved them (a hook request's
    /// <c>resourceProperties</c>: no intrinsic functions left). Its name comes from <paramref name="context"/>'s
    /// physical ids or its name property, as in a template; lines are not known.
    /// </summary>
    /// <exception cref="ChangeInputException">The properties are not valid for the type (one line naming the property).</exception>
    public static IReadOnlyList<ProposedChange> Changes(string resourceType, string logicalId, JsonElement properties, ChangeContext context) =>
        Map(resourceType, logicalId, properties, context, (mapper, resource) => mapper.Changes(resource));

    /// <summary>
    /// The changes deleting one resource makes (a hook's delete request, with the properties it had): a bucket or role
    /// deleted, a bucket policy or inline policy removed, a key pending deletion, grants revoked, a cluster's roles
    /// detached. Types whose deletion does not change the path (an endpoint: its route goes with it) make none.
    /// </summary>
    /// <exception cref="ChangeInputException">The properties are not valid for the type (one line naming the property).</exception>
    public static IReadOnlyList<ProposedChange> Deleted(string resourceType, string logicalId, JsonElement properties, ChangeContext context) =>
        Map(resourceType, logicalId, properties, context, (mapper, resource) => mapper.Deleted(resource));

    private static IReadOnlyList<ProposedChange> Map(string resourceType, string logicalId, JsonElement properties, ChangeContext context, Func<ICloudFormationResource, ResourceContext, IEnumerable<ProposedChange>> map)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(logicalId);
        ArgumentNullException.ThrowIfNull(context);
        if (For(resourceType) is not { } mapper)
        {
            return [];
        }

        if (properties.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new ChangeInputException($"{SafeText.Echo(logicalId)}: resourceProperties is not an object");
        }

        var node = properties.ValueKind == JsonValueKind.Object ? (MapNode)JsonElementNodes.From(properties, 0) : new MapNode(0, []);
        var resource = new TemplateResource(logicalId, resourceType, node, null, 0);
        var template = new Template(new Dictionary<string, MapNode>(), new MapNode(0, []), new MapNode(0, []), [resource], []);
        return [.. map(mapper, new ResourceContext(new TemplateResolver(template, context), resource))];
    }
}
