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
internal sealed partial class OverlayBuilder
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

    private void Problem(ProposedChange change, HopKind hop, string document, string rule, AccessVerdict access, string message) =>
        problems.Add(new OverlayProblem(change.Source, Finding(hop, document, rule, access, message), access));

    private static PathFinding Finding(HopKind hop, string document, string rule, AccessVerdict access, string message) =>
        new(hop, document, new Finding(rule, access == AccessVerdict.Breaks ? Severity.High : Severity.Medium, FindingKind.Access, "(change)", SafeText.Line(message), Fixes.For(rule)));
}
