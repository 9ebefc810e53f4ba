using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>The overlay's organization policies: placed at a level the snapshot knows, or unresolved.</summary>
internal sealed partial class OverlayBuilder
{
    public bool AttachOrganizationPolicy(OrganizationPolicyChange change)
    {
        var hop = change.Hops[0];
        var levels = change.Type == OrganizationPolicyType.ServiceControl ? organization?.ServiceControlPolicies : organization?.ResourceControlPolicies;
        var accounts = levels?.Keys.ToList() ?? [];
        var document = change.Policy is Proposed<PolicyText>.Set
            ? Policy(change, change.Policy, change.Type == OrganizationPolicyType.ServiceControl ? PolicyKind.Identity : PolicyKind.Bucket, hop, "organization policy")
            : null;
        var targets = change.TargetIds.Where(t => t.StartsWith("r-", StringComparison.Ordinal) || accounts.Contains(t)).ToList();
        var elsewhere = change.TargetIds.Where(t => t.StartsWith("ou-", StringComparison.Ordinal)).ToList();
        if (targets.Count == 0 && elsewhere.Count == 0)
        {
            return false;
        }

        if (levels is null)
        {
            return Unplaced(change, hop, "the snapshot has no organization policies for the path's accounts");
        }

        // An OU's accounts are not in the snapshot: whether the policy reaches the path is not known.
        if (elsewhere.Count > 0)
        {
            return Unplaced(change, hop, $"it is attached to {string.Join(", ", elsewhere.Select(SafeText.Echo))}, and the snapshot has no OU tree");
        }

        var allows = document?.Statements.Any(s => s.Effect == Effect.Allow) ?? true;
        if (change.Policy is Proposed<PolicyText>.Removed || (allows && change.Existing))
        {
            var why = change.Policy is Proposed<PolicyText>.Removed ? "it removes a policy" : "it edits a policy that allows";
            return Unplaced(change, hop, $"{why}, and the snapshot does not have the policies' ids");
        }

        if (document is null)
        {
            return true;
        }

        var atRoot = targets.Any(t => t.StartsWith("r-", StringComparison.Ordinal));
        var edited = levels.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var account in accounts.Where(a => atRoot || targets.Contains(a)))
        {
            var list = edited[account].Select(l => l.ToList()).ToList();
            if (list.Count == 0)
            {
                list.Add([]);
            }

            list[atRoot ? 0 : list.Count - 1].Add(document);
            edited[account] = [.. list];
        }

        organization = change.Type == OrganizationPolicyType.ServiceControl
            ? organization! with { ServiceControlPolicies = edited }
            : organization! with { ResourceControlPolicies = edited };
        return true;
    }

    private bool Unplaced(OrganizationPolicyChange change, HopKind hop, string why)
    {
        Problem(change, hop, "organization", RuleIds.UnresolvedValue, AccessVerdict.AtRisk, $"{change.Source.Resource}: where this organization policy applies is not known ({why}), so its effect on the path is not judged.");
        return true;
    }
}
