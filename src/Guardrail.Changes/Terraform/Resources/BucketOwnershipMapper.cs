using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary><c>aws_s3_bucket_ownership_controls</c> (<c>bucket</c>, <c>rule[0].object_ownership</c>); deleted: ACLs decide again.</summary>
internal sealed class BucketOwnershipMapper : IResourceMapper
{
    public string Type => "aws_s3_bucket_ownership_controls";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        if (!entry.Action.Writes())
        {
            if (entry.Before("bucket").NonEmptyString() is { } old)
            {
                changes.Add(new BucketOwnershipChange(entry.Source, old, new Proposed<ObjectOwnership>.Removed()));
            }

            return;
        }

        var bucket = PlanValues.Identity(entry.After("bucket"));
        if (bucket.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Ownership], bucket));
            return;
        }

        if (entry.Action == PlanAction.Update && !entry.Changed("rule"))
        {
            return;
        }

        var value = entry.After("rule", 0, "object_ownership");
        changes.Add(new BucketOwnershipChange(entry.Source, bucket.Value, value.State switch
        {
            ValueState.Unknown => new Proposed<ObjectOwnership>.Unknown(value.Path, PlanValues.AfterApply),
            _ => value.String() switch
            {
                "BucketOwnerEnforced" => new Proposed<ObjectOwnership>.Set(ObjectOwnership.BucketOwnerEnforced),
                "BucketOwnerPreferred" => new Proposed<ObjectOwnership>.Set(ObjectOwnership.BucketOwnerPreferred),
                "ObjectWriter" => new Proposed<ObjectOwnership>.Set(ObjectOwnership.ObjectWriter),
                null => new Proposed<ObjectOwnership>.Removed(),
                _ => throw value.Shape("BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter"),
            },
        }));
    }
}
