using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation;

/// <summary>How one resource type proposes changes to Spectrum's path. One small type per resource type, registered in <see cref="CloudFormationResources"/>.</summary>
internal interface ICloudFormationResource
{
    /// <summary>The resource type (<c>AWS::S3::BucketPolicy</c>).</summary>
    string Type { get; }

    /// <summary>The hops the resource may edit (what is at risk when its identity or condition is not known).</summary>
    IReadOnlyList<HopKind> Touches { get; }

    /// <summary>The changes the resource proposes.</summary>
    IEnumerable<ProposedChange> Changes(ResourceContext resource);

    /// <summary>The changes deleting the resource makes (a hook's delete request); nothing by default.</summary>
    IEnumerable<ProposedChange> Deleted(ResourceContext resource) => [];
}
