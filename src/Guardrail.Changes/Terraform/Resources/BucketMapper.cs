using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary><c>aws_s3_bucket</c> deleted or replaced: the bucket and every object in it are gone (its other arguments have their own resources).</summary>
internal sealed class BucketMapper : IResourceMapper
{
    public string Type => "aws_s3_bucket";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (entry.Action is PlanAction.Delete or PlanAction.Replace && entry.Before("bucket").NonEmptyString() is { } bucket)
        {
            changes.Add(new BucketDeletedChange(entry.Source, bucket));
        }
    }
}
