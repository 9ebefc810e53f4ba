using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary><c>aws_s3_bucket_policy</c> (<c>bucket</c>, <c>policy</c>): the bucket's policy; deleted: no policy.</summary>
internal sealed class BucketPolicyMapper : IResourceMapper
{
    public string Type => "aws_s3_bucket_policy";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        var old = entry.Action is PlanAction.Delete or PlanAction.Replace ? entry.Before("bucket").NonEmptyString() : null;
        if (!entry.Action.Writes())
        {
            if (old is not null)
            {
                changes.Add(new BucketPolicyChange(entry.Source, old, new Proposed<PolicyText>.Removed()));
            }

            return;
        }

        var bucket = PlanValues.Identity(entry.After("bucket"));
        if (bucket.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Bucket], bucket));
            return;
        }

        // A replacement that moves the policy to another bucket leaves the old bucket without one.
        if (old is not null && old != bucket.Value)
        {
            changes.Add(new BucketPolicyChange(entry.Source, old, new Proposed<PolicyText>.Removed()));
        }

        if (entry.Action != PlanAction.Update || entry.Changed("policy") || entry.Changed("bucket"))
        {
            changes.Add(new BucketPolicyChange(entry.Source, bucket.Value, PlanValues.Policy(entry.After("policy"))));
        }
    }
}
