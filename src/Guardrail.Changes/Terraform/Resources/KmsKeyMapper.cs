using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_kms_key</c> (<c>arn</c>, <c>policy</c>, <c>is_enabled</c>): its key policy and state; deleted: pending
/// deletion. A created key's ARN is a placeholder, the one a bucket's encryption referring to it is given.
/// </summary>
internal sealed class KmsKeyMapper : IResourceMapper
{
    public string Type => "aws_kms_key";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        var old = entry.Action is PlanAction.Delete or PlanAction.Replace ? entry.Before("arn").NonEmptyString() : null;
        if (!entry.Action.Writes())
        {
            if (old is not null)
            {
                changes.Add(new KeyStateChange(entry.Source, old, new Proposed<string>.Removed()));
            }

            return;
        }

        // A replaced key is a new key (a new ARN): the old one is scheduled for deletion.
        if (old is not null)
        {
            changes.Add(new KeyStateChange(entry.Source, old, new Proposed<string>.Removed()));
        }

        var key = entry.Action == PlanAction.Replace ? plan.Placeholder("kms", "key/" + entry.Address) : plan.KeyArn(entry);
        var all = entry.Action != PlanAction.Update;
        if (all || entry.Changed("policy"))
        {
            changes.Add(new KeyPolicyChange(entry.Source, key, PlanValues.Policy(entry.After("policy"))));
        }

        var enabled = entry.After("is_enabled");
        if (all ? enabled.IsUnknown || enabled.Bool() == false : entry.Changed("is_enabled"))
        {
            changes.Add(new KeyStateChange(entry.Source, key, enabled.IsUnknown
                ? new Proposed<string>.Unknown(enabled.Path, PlanValues.AfterApply)
                : new Proposed<string>.Set(enabled.Bool() == false ? "Disabled" : "Enabled")));
        }
    }
}
