using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>The overlay's roles: trust, inline and managed policies (their documents and attachments resolved at the end), boundaries, deletions.</summary>
internal sealed partial class OverlayBuilder
{
    public bool EditRole(string arn, Func<RoleFacts, RoleFacts> edit)
    {
        if (Role(arn) is not { } key)
        {
            return false;
        }

        roles[key] = edit(roles.TryGetValue(key, out var facts) ? facts : new RoleFacts(null, null, null, null, null));
        return true;
    }

    public bool DeleteRole(ProposedChange change, string arn)
    {
        if (Role(arn) is not { } key)
        {
            return false;
        }

        Problem(change, HopKind.Trust, key, RuleIds.ResourceDeleted, AccessVerdict.Breaks, $"{change.Source.Resource} deletes role {key}, which Redshift assumes to read the lake: Spectrum can no longer assume it.");
        return true;
    }

    public bool EditInline(ProposedChange change, string arn, string name, Proposed<PolicyText> proposed) => EditRole(arn, facts =>
    {
        var document = proposed is Proposed<PolicyText>.Removed ? null : Policy(change, proposed, PolicyKind.Identity, HopKind.Identity, $"inline policy {name}");
        if (facts.InlinePolicies is not { } inline || (document is null && proposed is not Proposed<PolicyText>.Removed))
        {
            return facts with { InlinePolicies = proposed is Proposed<PolicyText>.Removed ? facts.InlinePolicies : null };
        }

        var kept = inline.Where(p => p.Name != name).ToList();
        if (document is not null)
        {
            kept.Add(new NamedPolicy(name, document));
        }

        return facts with { InlinePolicies = kept };
    });

    public bool KeepInline(string arn, IReadOnlyList<string> names) => EditRole(arn, facts => facts with
    {
        InlinePolicies = facts.InlinePolicies?.Where(p => names.Contains(p.Name, StringComparer.Ordinal)).ToList(),
    });

    public bool SetManaged(ProposedChange change, string arn, Proposed<IReadOnlyList<string>> proposed)
    {
        if (Role(arn) is not { } key)
        {
            return false;
        }

        managedLists[key] = proposed switch
        {
            Proposed<IReadOnlyList<string>>.Set set => [.. set.Value.Distinct(StringComparer.Ordinal).Select(a => (a, (ChangeSource?)change.Source))],
            Proposed<IReadOnlyList<string>>.Removed => [],
            Proposed<IReadOnlyList<string>>.Unknown unknown => Unresolved<List<(string, ChangeSource?)>>(change, unknown, HopKind.Identity),
            _ => throw new InvalidOperationException(proposed.GetType().Name),
        };
        return true;
    }

    public bool Attach(ProposedChange change, string arn, string policyArn, bool attached)
    {
        if (Role(arn) is not { } key)
        {
            return false;
        }

        if (ManagedList(key) is { } list)
        {
            list.RemoveAll(p => p.Arn == policyArn);
            if (attached)
            {
                list.Add((policyArn, change.Source));
            }
        }

        return true;
    }

    public bool SetManagedDocument(ProposedChange change, string policyArn, Proposed<PolicyText> proposed)
    {
        if (proposed is Proposed<PolicyText>.Removed)
        {
            deletedManaged.Add(policyArn);
        }

        managedDocuments[policyArn] = proposed is Proposed<PolicyText>.Removed ? null : Policy(change, proposed, PolicyKind.Identity, HopKind.Identity, $"managed policy {policyArn}");
        managedSources[policyArn] = change.Source;

        // On the path when a role on it has (or will have) the policy, attached or as its boundary.
        return roles.Values.Any(r => r.ManagedPolicies?.Any(p => p.Name == policyArn) == true)
            || managedLists.Values.Any(l => l?.Any(p => p.Arn == policyArn) == true)
            || boundaries.Values.Any(b => b.Arn is Proposed<string>.Set set && set.Value == policyArn);
    }

    public bool SetBoundary(ProposedChange change, string arn, Proposed<string> policyArn)
    {
        if (Role(arn) is not { } key)
        {
            return false;
        }

        boundaries[key] = (policyArn, change);
        return true;
    }

    private List<NamedPolicy>? ResolveManaged(string role, List<(string Arn, ChangeSource? Source)>? list)
    {
        if (list is null)
        {
            return null;
        }

        var resolved = new List<NamedPolicy>(list.Count);
        foreach (var (arn, source) in list)
        {
            // A deleted managed policy is detached from every role first.
            if (deletedManaged.Contains(arn))
            {
                continue;
            }

            if (managedDocuments.TryGetValue(arn, out var document) && document is not null)
            {
                resolved.Add(new NamedPolicy(arn, document));
                continue;
            }

            if (!managedDocuments.ContainsKey(arn))
            {
                // An unknown document already has its own problem; this one is a policy nobody gave.
                var at = source ?? (managedSources.TryGetValue(arn, out var s) ? s : new ChangeSource(string.Empty, role, null));
                problems.Add(new OverlayProblem(at, Finding(HopKind.Identity, role, RuleIds.UnresolvedValue, AccessVerdict.AtRisk, $"{at.Resource} attaches managed policy {SafeText.Echo(arn)}, whose document is in neither the snapshot nor the input, so the identity hop is judged without the role's managed policies."), AccessVerdict.AtRisk));
            }

            return null;
        }

        return resolved;
    }

    private Given<PolicyDocument>? ResolveBoundary(Proposed<string> arn, ProposedChange change) => arn switch
    {
        Proposed<string>.Removed => new Given<PolicyDocument>(null),
        Proposed<string>.Unknown unknown => Unresolved<Given<PolicyDocument>>(change, unknown, HopKind.Identity),
        Proposed<string>.Set set when managedDocuments.TryGetValue(set.Value, out var document) => document is null ? null : new Given<PolicyDocument>(document),
        Proposed<string>.Set set => Unresolved<Given<PolicyDocument>>(change, new Proposed<string>.Unknown("PermissionsBoundary", $"the document of {SafeText.Echo(set.Value)} is in neither the snapshot nor the input"), HopKind.Identity),
        _ => throw new InvalidOperationException(arn.GetType().Name),
    };

    private List<(string Arn, ChangeSource? Source)>? ManagedList(string role)
    {
        if (!managedLists.TryGetValue(role, out var list))
        {
            list = roles.TryGetValue(role, out var facts) && facts.ManagedPolicies is { } managed ? [.. managed.Select(p => (p.Name, (ChangeSource?)null))] : null;
            managedLists[role] = list;
        }

        return list;
    }

    private string? Role(string arn)
    {
        if (roles.ContainsKey(arn) || snapshot.Spectrum.RoleChain.Any(r => r.Arn == arn))
        {
            return arn;
        }

        // A template may name the role without its path; the account and name still identify it.
        return RoleArn.TryParse(arn, out var wanted) && wanted is not null
            ? snapshot.Spectrum.RoleChain.Select(r => r.Arn).Concat(roles.Keys).FirstOrDefault(k => RoleArn.TryParse(k, out var known) && known is not null && known.AccountId == wanted.AccountId && known.Name == wanted.Name)
            : null;
    }
}
