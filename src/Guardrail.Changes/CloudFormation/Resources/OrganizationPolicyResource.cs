using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::Organizations::Policy</c> of <c>Type</c> <c>SERVICE_CONTROL_POLICY</c> or <c>RESOURCE_CONTROL_POLICY</c>:
/// its <c>Content</c> (a map or JSON text) attached to <c>TargetIds</c>; other policy types propose nothing. A
/// template's policy is taken as new (<c>Existing</c> false): the CLI may say otherwise.
/// </summary>
internal sealed class OrganizationPolicyResource : ICloudFormationResource
{
    public string Type => "AWS::Organizations::Policy";

    public IReadOnlyList<HopKind> Touches => [HopKind.Identity, HopKind.Bucket, HopKind.Key];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        var typeText = resource.Text("Type");
        if (typeText is Proposed<string>.Unknown unknownType)
        {
            yield return resource.Unresolved(Touches, unknownType);
            yield break;
        }

        if (typeText is not Proposed<string>.Set { Value: var name } || Kind(name) is not { } type)
        {
            yield break;
        }

        var hops = type == OrganizationPolicyType.ServiceControl ? new[] { HopKind.Identity } : [HopKind.Bucket, HopKind.Key];
        switch (resource.Texts("TargetIds"))
        {
            case Proposed<IReadOnlyList<string>>.Set targets:
                yield return new OrganizationPolicyChange(resource.Source, type, resource.Policy("Content"), targets.Value, false);
                break;
            case Proposed<IReadOnlyList<string>>.Unknown u:
                yield return resource.Unresolved(hops, u);
                break;
        }
    }

    private static OrganizationPolicyType? Kind(string type) => type switch
    {
        "SERVICE_CONTROL_POLICY" => OrganizationPolicyType.ServiceControl,
        "RESOURCE_CONTROL_POLICY" => OrganizationPolicyType.ResourceControl,
        _ => null,
    };

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) =>
        Changes(resource).Select(c => c is OrganizationPolicyChange policy ? policy with { Policy = new Proposed<PolicyText>.Removed(), Existing = true } : c);
}
