using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// <c>aws_iam_role</c>: its trust policy (<c>assume_role_policy</c>), boundary (<c>permissions_boundary</c>), and,
/// when the configuration sets them, its exclusive <c>inline_policy</c> blocks and <c>managed_policy_arns</c>. The
/// ARN is <c>arn</c> when known, else made from name, path and account; deleted: Redshift cannot assume it.
/// </summary>
internal sealed class IamRoleMapper : IResourceMapper
{
    public string Type => "aws_iam_role";

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        var old = entry.Action is PlanAction.Delete or PlanAction.Replace ? entry.Before("arn").NonEmptyString() : null;
        if (!entry.Action.Writes())
        {
            if (old is not null)
            {
                changes.Add(new RoleDeletedChange(entry.Source, old));
            }

            return;
        }

        var arn = plan.IamRoleArn(entry);
        if (arn.Value is not { } role)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Trust, HopKind.Identity], arn));
            return;
        }

        // A replacement under another name deletes the old role.
        if (old is not null && old != role)
        {
            changes.Add(new RoleDeletedChange(entry.Source, old));
        }

        var all = entry.Action != PlanAction.Update;
        if (all || entry.Changed("assume_role_policy"))
        {
            changes.Add(new RoleTrustChange(entry.Source, role, PlanValues.Policy(entry.After("assume_role_policy"))));
        }

        if (all ? entry.After("permissions_boundary").State != ValueState.Null : entry.Changed("permissions_boundary"))
        {
            var boundary = entry.After("permissions_boundary");
            changes.Add(new RoleBoundaryChange(entry.Source, role, boundary.State switch
            {
                ValueState.Unknown => new Proposed<string>.Unknown(boundary.Path, PlanValues.AfterApply),
                _ => boundary.NonEmptyString() is { } b ? new Proposed<string>.Set(b) : new Proposed<string>.Removed(),
            }));
        }

        if (Exclusive(entry, plan, "inline_policy", all))
        {
            Inline(entry, role, changes);
        }

        if (Exclusive(entry, plan, "managed_policy_arns", all))
        {
            changes.Add(new RoleManagedPolicySetChange(entry.Source, role, PlanValues.Strings(entry.After("managed_policy_arns"))));
        }
    }

    /// <summary>
    /// Whether the argument sets the whole list: the configuration sets it (without it the provider only reads
    /// what is there), and on an update it changes. A plan without configuration: when it changes.
    /// </summary>
    private static bool Exclusive(ResourceChangeEntry entry, TerraformPlan plan, string argument, bool all) =>
        plan.Configuration.Given
            ? plan.Configuration.Sets(entry, argument) && (all || entry.Changed(argument))
            : !all && entry.Changed(argument);

    private static void Inline(ResourceChangeEntry entry, string role, ICollection<ProposedChange> changes)
    {
        var blocks = entry.After("inline_policy");
        if (blocks.IsUnknown)
        {
            changes.Add(new UnresolvedResourceChange(entry.Source, [HopKind.Identity], blocks.Path, PlanValues.AfterApply));
            return;
        }

        var names = new List<string>();
        var policies = new List<ProposedChange>();
        for (var i = 0; i < blocks.Count(); i++)
        {
            var name = entry.After("inline_policy", i, "name");
            if (name.IsUnknown)
            {
                changes.Add(new UnresolvedResourceChange(entry.Source, [HopKind.Identity], name.Path, PlanValues.AfterApply));
                return;
            }

            // An empty block (inline_policy {}) removes every inline policy.
            if (name.NonEmptyString() is { } n)
            {
                names.Add(n);
                policies.Add(new RoleInlinePolicyChange(entry.Source, role, n, PlanValues.Policy(entry.After("inline_policy", i, "policy"))));
            }
        }

        changes.Add(new RoleInlinePolicySetChange(entry.Source, role, names));
        foreach (var policy in policies)
        {
            changes.Add(policy);
        }
    }
}
