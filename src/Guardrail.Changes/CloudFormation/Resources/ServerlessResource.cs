using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// SAM resources read before the transform. <c>AWS::Serverless::Function</c> and <c>StateMachine</c> propose nothing:
/// with <c>Role</c> they use that role without editing it (SAM then ignores <c>Policies</c>); without it SAM makes a
/// new role (<c>LogicalIdRole</c>), off the path. <c>AWS::Serverless::Connector</c> attaches a policy SAM writes to a
/// role the template may not name, and <c>AWS::Serverless::Application</c> (like <c>AWS::CloudFormation::Stack</c>)
/// deploys a template this one does not show: both are unresolved for the hops they may touch. Judge the
/// transformed template (<c>sam build</c>, <c>aws cloudformation package</c>...) to see what they do.
/// </summary>
internal sealed class ServerlessResource(string type, IReadOnlyList<HopKind> touches, string? why) : ICloudFormationResource
{
    private static readonly HopKind[] Every = [HopKind.Trust, HopKind.Association, HopKind.Identity, HopKind.Bucket, HopKind.Key, HopKind.Ownership, HopKind.LakeFormation, HopKind.VpcEndpoint];

    public static readonly ServerlessResource[] All =
    [
        new("AWS::Serverless::Function", [], null),
        new("AWS::Serverless::StateMachine", [], null),
        new("AWS::Serverless::Connector", [HopKind.Identity], "a SAM connector adds a policy SAM writes to a role; judge the template after the SAM transform"),
        new("AWS::Serverless::Application", Every, "a nested application deploys a template this one does not show"),
        new("AWS::CloudFormation::Stack", Every, "a nested stack deploys a template this one does not show"),
    ];

    public string Type => type;

    public IReadOnlyList<HopKind> Touches => touches;

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        if (why is not null)
        {
            yield return new UnresolvedResourceChange(resource.Source, touches, resource.Resource.Path, why);
        }
    }
}
