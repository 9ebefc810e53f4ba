using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary><c>AWS::S3::BucketPolicy</c>: <c>Bucket</c> and <c>PolicyDocument</c>.</summary>
internal sealed class BucketPolicyResource : ICloudFormationResource
{
    public string Type => "AWS::S3::BucketPolicy";

    public IReadOnlyList<HopKind> Touches => [HopKind.Bucket];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        switch (resource.Text("Bucket"))
        {
            case Proposed<string>.Set bucket:
                yield return new BucketPolicyChange(resource.Source, bucket.Value, resource.Policy("PolicyDocument"));
                break;
            case Proposed<string>.Unknown unknown:
                yield return resource.Unresolved(Touches, unknown);
                break;
            default:
                throw TemplateErrors.At(resource.Resource.Line, resource.PathOf("Bucket"), "a bucket policy names its Bucket");
        }
    }

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) => resource.Text("Bucket") switch
    {
        Proposed<string>.Set bucket => [new BucketPolicyChange(resource.Source, bucket.Value, new Proposed<PolicyText>.Removed())],
        Proposed<string>.Unknown unknown => [resource.Unresolved(Touches, unknown)],
        _ => [],
    };
}
