using Guardrail.Core.Changes;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Changes;

/// <summary>
/// What changed on a path between its known-good snapshot and the live one, hop by hop: statement-level changes of
/// every document (labelled "<c>document: statement</c>"), documents attached or removed, and the settings that are
/// not policies (key state, default encryption, Object Ownership, the roles attached to the cluster, enhanced VPC
/// routing, the S3 endpoints on the route, an access point's bucket and network origin), and Lake Formation's
/// registrations, grants, LF-tags and opt-ins.
/// </summary>
public static class SnapshotDiff
{
    public static IReadOnlyList<StatementChange> Compare(PathSnapshot? before, PathSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<StatementChange>();
        Setting(changes, "cluster: attached roles", Join(before?.Spectrum.Cluster?.IamRoles), Join(after.Spectrum.Cluster?.IamRoles));
        foreach (var arn in Keys(before?.Roles, after.Roles))
        {
            var old = before?.Roles.GetValueOrDefault(arn);
            var now = after.Roles.GetValueOrDefault(arn);
            Document(changes, $"trust policy of {arn}", old?.TrustPolicy, now?.TrustPolicy);
            Documents(changes, $"{arn} inline policy", old?.InlinePolicies, now?.InlinePolicies);
            Documents(changes, $"{arn} managed policy", old?.ManagedPolicies, now?.ManagedPolicies);
            Setting(changes, $"permissions boundary of {arn}", old?.PermissionsBoundary is null ? null : Exists(old.PermissionsBoundary.Value), now?.PermissionsBoundary is null ? null : Exists(now.PermissionsBoundary.Value));
            Document(changes, $"permissions boundary of {arn}", old?.PermissionsBoundary?.Value, now?.PermissionsBoundary?.Value);
        }

        foreach (var name in Keys(before?.Buckets, after.Buckets))
        {
            var old = before?.Buckets.GetValueOrDefault(name);
            var now = after.Buckets.GetValueOrDefault(name);
            Document(changes, $"bucket policy of {name}", old?.Policy?.Value, now?.Policy?.Value);
            Setting(changes, $"default encryption of {name}", Describe(old?.Encryption), Describe(now?.Encryption));
            Setting(changes, $"Object Ownership of {name}", old?.Ownership?.ToString(), now?.Ownership?.ToString());
        }

        foreach (var key in Keys(before?.Keys, after.Keys))
        {
            var old = before?.Keys.GetValueOrDefault(key);
            var now = after.Keys.GetValueOrDefault(key);
            Setting(changes, $"state of key {key}", old?.State, now?.State);
            Document(changes, $"key policy of {key}", old?.Policy, now?.Policy);
            Setting(changes, $"grants of key {key}", Describe(old?.Grants), Describe(now?.Grants));
        }

        foreach (var account in Keys(before?.Catalogs, after.Catalogs))
        {
            Document(changes, $"Glue resource policy of account {account}", before?.Catalogs.GetValueOrDefault(account)?.ResourcePolicy?.Value, after.Catalogs.GetValueOrDefault(account)?.ResourcePolicy?.Value);
        }

        foreach (var account in Keys(before?.LakeFormation, after.LakeFormation))
        {
            foreach (var (label, old, now) in LakeFormationDiff.Compare(account, before?.LakeFormation.GetValueOrDefault(account), after.LakeFormation.GetValueOrDefault(account)))
            {
                Setting(changes, label, old, now);
            }
        }

        Network(changes, before, after);
        Levels(changes, "SCP", before?.Organization?.ServiceControlPolicies, after.Organization?.ServiceControlPolicies);
        Levels(changes, "RCP", before?.Organization?.ResourceControlPolicies, after.Organization?.ResourceControlPolicies);
        return changes;
    }

    // The network path (issue 15): the cluster's routing and S3 endpoints, each endpoint's policy, each access point.
    private static void Network(List<StatementChange> changes, PathSnapshot? before, PathSnapshot after)
    {
        Setting(changes, "cluster: enhanced VPC routing", OnOff(before?.Spectrum.Cluster?.EnhancedVpcRouting), OnOff(after.Spectrum.Cluster?.EnhancedVpcRouting));
        Setting(changes, "cluster: S3 endpoints", Endpoints(before?.Spectrum.Cluster), Endpoints(after.Spectrum.Cluster));
        foreach (var id in Keys(before?.VpcEndpoints, after.VpcEndpoints))
        {
            var old = before?.VpcEndpoints.GetValueOrDefault(id);
            var now = after.VpcEndpoints.GetValueOrDefault(id);
            Setting(changes, $"VPC endpoint {id}", old is null ? null : $"{old.Type} {old.ServiceName}", now is null ? null : $"{now.Type} {now.ServiceName}");
            Setting(changes, $"endpoint policy of {id}", EndpointPolicy(old), EndpointPolicy(now));
            Document(changes, $"endpoint policy of {id}", old?.Policy.Value, now?.Policy.Value);
        }

        foreach (var arn in Keys(before?.AccessPoints, after.AccessPoints))
        {
            var old = before?.AccessPoints.GetValueOrDefault(arn);
            var now = after.AccessPoints.GetValueOrDefault(arn);
            Setting(changes, $"access point {arn}", Describe(old), Describe(now));
            Setting(changes, $"access point policy of {arn}", old is null ? null : Exists(old.Policy.Value), now is null ? null : Exists(now.Policy.Value));
            Document(changes, $"access point policy of {arn}", old?.Policy.Value, now?.Policy.Value);
        }
    }

    // The origin as S3 Control spells it (Internet, VPC).
    private static string? Describe(AccessPointFacts? accessPoint) => accessPoint is null ? null
        : $"bucket {accessPoint.Bucket}, {(accessPoint.NetworkOrigin == AccessPointNetworkOrigin.Vpc ? "VPC" : "Internet")} origin";

    private static string? OnOff(bool? value) => value switch
    {
        null => null,
        true => "on",
        false => "off",
    };

    private static string? Endpoints(ClusterFacts? cluster) => cluster is { S3EndpointsGiven: true } ? Join(cluster.VpcEndpoints) : null;

    private static string? EndpointPolicy(VpcEndpointFacts? endpoint) => endpoint is null ? null : endpoint.Policy.Value is null ? "default (full access)" : "custom";

    private static IEnumerable<string> Keys<T>(IReadOnlyDictionary<string, T>? before, IReadOnlyDictionary<string, T> after) =>
        (before?.Keys ?? []).Concat(after.Keys).Distinct(StringComparer.Ordinal);

    private static void Documents(List<StatementChange> changes, string label, IReadOnlyList<NamedPolicy>? before, IReadOnlyList<NamedPolicy>? after)
    {
        foreach (var name in (before ?? []).Concat(after ?? []).Select(p => p.Name).Distinct(StringComparer.Ordinal))
        {
            var old = before?.FirstOrDefault(p => p.Name == name)?.Document;
            var now = after?.FirstOrDefault(p => p.Name == name)?.Document;
            Setting(changes, $"{label} {name}", old is null ? null : "attached", now is null ? null : "attached");
            Document(changes, $"{label} {name}", old, now);
        }
    }

    private static void Levels(List<StatementChange> changes, string kind, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<PolicyDocument>>>? before, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<PolicyDocument>>>? after)
    {
        foreach (var account in (before?.Keys ?? []).Concat(after?.Keys ?? []).Distinct(StringComparer.Ordinal))
        {
            var old = before?.GetValueOrDefault(account) ?? [];
            var now = after?.GetValueOrDefault(account) ?? [];
            for (var level = 0; level < Math.Max(old.Count, now.Count); level++)
            {
                var oldDocs = level < old.Count ? old[level] : [];
                var newDocs = level < now.Count ? now[level] : [];
                for (var i = 0; i < Math.Max(oldDocs.Count, newDocs.Count); i++)
                {
                    Document(changes, $"{kind} #{i + 1} at level {level + 1} for account {account}", i < oldDocs.Count ? oldDocs[i] : null, i < newDocs.Count ? newDocs[i] : null);
                }
            }
        }
    }

    private static void Document(List<StatementChange> changes, string label, PolicyDocument? before, PolicyDocument? after)
    {
        if (ReferenceEquals(before, after) || before?.OriginalText == after?.OriginalText)
        {
            return;
        }

        changes.AddRange(StatementDiff.Compare(before, after).Select(c => c with { Statement = $"{label}: {c.Statement}" }));
    }

    private static void Setting(List<StatementChange> changes, string label, string? before, string? after)
    {
        if (before == after)
        {
            return;
        }

        var kind = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Changed;
        changes.Add(new StatementChange(kind, label, before, after));
    }

    private static string? Exists(object? value) => value is null ? "none" : "set";

    private static string? Join(IReadOnlyList<string>? values) => values is null ? null : string.Join(", ", values.Order(StringComparer.Ordinal));

    private static string? Describe(BucketEncryption? encryption) => encryption is null ? null
        : $"{encryption.Algorithm}{(encryption.KmsKeyArn is { } key ? $" with {key}" : string.Empty)}{(encryption.BucketKeyEnabled ? ", Bucket Key on" : string.Empty)}";

    private static string? Describe(IReadOnlyList<KeyGrant>? grants) => grants is null ? null
        : string.Join("; ", grants.Select(g => $"{g.GranteePrincipal}: {string.Join(",", g.Operations)}{(g.Constraints is null ? string.Empty : " (constrained)")}").Order(StringComparer.Ordinal));
}
