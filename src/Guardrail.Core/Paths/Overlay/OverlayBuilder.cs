using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;
using Guardrail.Core.Text;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// The snapshot being edited by <see cref="SnapshotOverlay"/>: copies of its maps, the managed policies' documents
/// and attachments (resolved at the end, whatever order the input gave them in), and the problems found.
/// </summary>
internal sealed class OverlayBuilder
{
    private readonly PathSnapshot snapshot;
    private readonly Dictionary<string, RoleFacts> roles;
    private readonly Dictionary<string, BucketFacts> buckets;
    private readonly Dictionary<string, KeyFacts> keys;
    private readonly Dictionary<string, VpcEndpointFacts> endpoints;
    private readonly Dictionary<string, LakeFormationFacts> lakeFormation;
    private readonly Dictionary<string, PolicyDocument?> managedDocuments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChangeSource> managedSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> deletedManaged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Arn, ChangeSource? Source)>?> managedLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Proposed<string> Arn, ProposedChange Change)> boundaries = new(StringComparer.Ordinal);
    private readonly List<OverlayProblem> problems = [];
    private ClusterFacts? cluster;
    private OrganizationFacts? organization;

    public OverlayBuilder(PathSnapshot snapshot)
    {
        this.snapshot = snapshot;
        roles = new(snapshot.Roles, StringComparer.Ordinal);
        buckets = new(snapshot.Buckets, StringComparer.Ordinal);
        keys = new(snapshot.Keys, StringComparer.Ordinal);
        endpoints = new(snapshot.VpcEndpoints, StringComparer.Ordinal);
        lakeFormation = new(snapshot.LakeFormation, StringComparer.Ordinal);
        cluster = snapshot.Spectrum.Cluster;
        organization = snapshot.Organization;
        foreach (var policy in snapshot.Roles.Values.SelectMany(r => r.ManagedPolicies ?? []))
        {
            managedDocuments.TryAdd(policy.Name, policy.Document);
        }
    }

    public IReadOnlyList<OverlayProblem> Problems => problems;

    public bool EditBucket(string bucket, Func<BucketFacts, BucketFacts> edit)
    {
        if (!buckets.TryGetValue(bucket, out var facts))
        {
            if (!snapshot.Spectrum.Tables.Any(t => t.Bucket == bucket))
            {
                return false;
            }

            facts = new BucketFacts(null, null, null, null);
        }

        buckets[bucket] = edit(facts);
        return true;
    }

    public bool DeleteBucket(ProposedChange change, string bucket)
    {
        if (!snapshot.Spectrum.Tables.Any(t => t.Bucket == bucket))
        {
            return false;
        }

        Problem(change, HopKind.Bucket, $"bucket {bucket}", RuleIds.ResourceDeleted, AccessVerdict.Breaks, $"{change.Source.Resource} deletes bucket {bucket}, which holds Spectrum's tables: every read of them fails.");
        return true;
    }

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

    public bool EditKey(string arn, Func<KeyFacts, KeyFacts> edit)
    {
        if (keys.TryGetValue(arn, out var facts))
        {
            keys[arn] = edit(facts);
            return true;
        }

        if (!buckets.Values.Any(b => b.Encryption?.KmsKeyArn == arn))
        {
            return false;
        }

        // Not in the snapshot but named by a bucket's proposed encryption: a key the input creates, enabled and without grants.
        keys[arn] = edit(new KeyFacts(null, "Enabled", false, []));
        return true;
    }

    public bool EditEndpoint(string id, Func<VpcEndpointFacts, VpcEndpointFacts?> edit)
    {
        if (!endpoints.TryGetValue(id, out var facts))
        {
            // An endpoint the cluster routes through but the snapshot did not describe: on the path, its hop stays unchecked.
            return cluster?.VpcEndpoints.Contains(id, StringComparer.Ordinal) == true;
        }

        if (edit(facts) is { } edited)
        {
            endpoints[id] = edited;
        }
        else
        {
            endpoints.Remove(id);
        }

        return true;
    }

    public bool SetClusterRoles(ClusterRolesChange change)
    {
        if (cluster is null || cluster.Kind != change.Kind)
        {
            return false;
        }

        if (cluster.Identifier is null)
        {
            cluster = cluster with { IamRoles = null };
            Problem(change, HopKind.Association, "cluster", RuleIds.UnresolvedValue, AccessVerdict.AtRisk, $"{change.Source.Resource} changes the roles of {change.Identifier}, but the snapshot does not name its cluster (spectrum.cluster.identifier), so whether it is this path's cluster is not known.");
            return true;
        }

        if (!string.Equals(cluster.Identifier, change.Identifier, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        cluster = cluster with
        {
            IamRoles = change.IamRoles switch
            {
                Proposed<IReadOnlyList<string>>.Set set => set.Value,
                Proposed<IReadOnlyList<string>>.Removed => [],
                Proposed<IReadOnlyList<string>>.Unknown unknown => Unresolved<IReadOnlyList<string>>(change, unknown, HopKind.Association),
                _ => throw new InvalidOperationException(change.IamRoles.GetType().Name),
            },
        };
        return true;
    }

    public bool EditLakeFormation(LakeFormationPermissionChange change)
    {
        if (!lakeFormation.TryGetValue(change.Account, out var facts))
        {
            return false;
        }

        if (change.Permission is Proposed<LfPermission>.Unknown unknown)
        {
            lakeFormation[change.Account] = facts with { Permissions = Unresolved<IReadOnlyList<LfPermission>>(change, unknown, HopKind.LakeFormation) };
            return true;
        }

        if (facts.Permissions is not { } permissions || change.Permission is not Proposed<LfPermission>.Set set)
        {
            return true;
        }

        var proposed = set.Value;
        var edited = new List<LfPermission>(permissions.Count + 1);
        foreach (var permission in permissions)
        {
            if (change.Granted || !LfKeys.Same(permission, proposed))
            {
                edited.Add(permission);
                continue;
            }

            var left = permission.Permissions.Except(proposed.Permissions, StringComparer.Ordinal).ToList();
            if (left.Count > 0)
            {
                edited.Add(permission with { Permissions = left });
            }
        }

        if (change.Granted)
        {
            edited.Add(proposed);
        }

        lakeFormation[change.Account] = facts with { Permissions = edited };
        return true;
    }

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

    /// <summary>A policy from <paramref name="proposed"/>, or null (with its problem) when unknown or invalid; removal is unknown too: the place always has one.</summary>
    public PolicyDocument? Policy(ProposedChange change, Proposed<PolicyText> proposed, PolicyKind kind, HopKind hop, string what) => proposed switch
    {
        Proposed<PolicyText>.Set set => Parse(change, set.Value, kind, hop, what),
        Proposed<PolicyText>.Removed => Unresolved<PolicyDocument>(change, new Proposed<PolicyText>.Unknown(what, $"the input removes the {what}, which always exists"), hop),
        Proposed<PolicyText>.Unknown unknown => Unresolved<PolicyDocument>(change, unknown, hop),
        _ => throw new InvalidOperationException(proposed.GetType().Name),
    };

    /// <summary>A policy that may be absent: removed is "none".</summary>
    public Given<PolicyDocument>? GivenPolicy(ProposedChange change, Proposed<PolicyText> proposed, PolicyKind kind, HopKind hop, string what) => proposed switch
    {
        Proposed<PolicyText>.Removed => new Given<PolicyDocument>(null),
        _ => Policy(change, proposed, kind, hop, what) is { } document ? new Given<PolicyDocument>(document) : null,
    };

    /// <summary>Records an unknown value on <paramref name="hop"/>; the value is then "not given" (its hop is not judged with a guess).</summary>
    public T? Unresolved<T>(ProposedChange change, IUnknownValue unknown, HopKind hop)
        where T : class
    {
        Problem(change, hop, change.Subject, RuleIds.UnresolvedValue, AccessVerdict.AtRisk, $"{change.Source.Resource}: {unknown.Property} is not known before deployment ({unknown.Reason}), so the {hop.ToText()} hop is judged without it.");
        return null;
    }

    /// <summary>As <see cref="Unresolved{T}"/>, for a value type.</summary>
    public T? UnresolvedValue<T>(ProposedChange change, IUnknownValue unknown, HopKind hop)
        where T : struct
    {
        _ = Unresolved<string>(change, unknown, hop);
        return null;
    }

    public PathSnapshot Finish()
    {
        foreach (var (arn, facts) in roles.ToList())
        {
            var list = managedLists.TryGetValue(arn, out var touched) ? touched : null;
            var affected = managedLists.ContainsKey(arn) || facts.ManagedPolicies?.Any(p => managedSources.ContainsKey(p.Name)) == true;
            if (affected)
            {
                roles[arn] = facts with { ManagedPolicies = ResolveManaged(arn, list ?? ManagedList(arn)) };
            }

            if (boundaries.TryGetValue(arn, out var boundary))
            {
                roles[arn] = roles[arn] with { PermissionsBoundary = ResolveBoundary(boundary.Arn, boundary.Change) };
            }
        }

        return snapshot with
        {
            Spectrum = snapshot.Spectrum with { Cluster = cluster },
            Roles = roles,
            Buckets = buckets,
            Keys = keys,
            Organization = organization,
            VpcEndpoints = endpoints,
            LakeFormation = lakeFormation,
        };
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

    private PolicyDocument? Parse(ProposedChange change, PolicyText text, PolicyKind kind, HopKind hop, string what)
    {
        try
        {
            return PolicyParser.Parse(text.Json, kind);
        }
        catch (PolicyParseException e)
        {
            Problem(change, hop, change.Subject, RuleIds.InvalidDocument, AccessVerdict.AtRisk, $"{change.Source.Resource}: the {what} is not a valid policy ({e.Message}); AWS would refuse it, so the hop is judged without it.");
            return null;
        }
    }

    private bool Unplaced(OrganizationPolicyChange change, HopKind hop, string why)
    {
        Problem(change, hop, "organization", RuleIds.UnresolvedValue, AccessVerdict.AtRisk, $"{change.Source.Resource}: where this organization policy applies is not known ({why}), so its effect on the path is not judged.");
        return true;
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

    private void Problem(ProposedChange change, HopKind hop, string document, string rule, AccessVerdict access, string message) =>
        problems.Add(new OverlayProblem(change.Source, Finding(hop, document, rule, access, message), access));

    private static PathFinding Finding(HopKind hop, string document, string rule, AccessVerdict access, string message) =>
        new(hop, document, new Finding(rule, access == AccessVerdict.Breaks ? Severity.High : Severity.Medium, FindingKind.Access, "(change)", SafeText.Line(message), Fixes.For(rule)));
}
