using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Spectrum;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::Redshift::Cluster</c> (<c>ClusterIdentifier</c>) and <c>AWS::RedshiftServerless::Namespace</c>
/// (<c>NamespaceName</c>): the roles in <c>IamRoles</c>, when the template states them.
/// </summary>
internal sealed class ClusterRolesResource(string type, ClusterKind kind) : ICloudFormationResource
{
    public static readonly ClusterRolesResource Provisioned = new("AWS::Redshift::Cluster", ClusterKind.Provisioned);

    public static readonly ClusterRolesResource Serverless = new("AWS::RedshiftServerless::Namespace", ClusterKind.Serverless);

    public string Type => type;

    public IReadOnlyList<HopKind> Touches => [HopKind.Association];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        var roles = resource.Texts("IamRoles");
        if (roles is Proposed<IReadOnlyList<string>>.Removed)
        {
            yield break;
        }

        yield return resource.Name() switch
        {
            Proposed<string>.Set name => new ClusterRolesChange(resource.Source, name.Value, kind, roles),
            var unknown => resource.Unresolved(Touches, (IUnknownValue)unknown),
        };
    }

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) => resource.Name() switch
    {
        Proposed<string>.Set name => [new ClusterRolesChange(resource.Source, name.Value, kind, new Proposed<IReadOnlyList<string>>.Removed())],
        var unknown => [resource.Unresolved(Touches, (IUnknownValue)unknown)],
    };
}
