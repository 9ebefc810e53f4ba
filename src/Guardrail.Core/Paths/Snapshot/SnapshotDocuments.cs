using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Every policy document a snapshot holds, whichever hop reads it.</summary>
internal static class SnapshotDocuments
{
    /// <summary>Roles' trust, inline, managed and boundary policies; bucket, key, catalog, endpoint and access point policies; SCPs and RCPs.</summary>
    public static IEnumerable<PolicyDocument> All(PathSnapshot snapshot)
    {
        foreach (var role in snapshot.Roles.Values)
        {
            if (role.TrustPolicy is { } trust)
            {
                yield return trust;
            }

            foreach (var policy in (role.InlinePolicies ?? []).Concat(role.ManagedPolicies ?? []))
            {
                yield return policy.Document;
            }

            if (role.PermissionsBoundary?.Value is { } boundary)
            {
                yield return boundary;
            }
        }

        IEnumerable<PolicyDocument?> others =
        [
            .. snapshot.Buckets.Values.Select(b => b.Policy?.Value),
            .. snapshot.Keys.Values.Select(k => k.Policy),
            .. snapshot.Catalogs.Values.Select(c => c.ResourcePolicy?.Value),
            .. snapshot.VpcEndpoints.Values.Select(e => e.Policy.Value),
            .. snapshot.AccessPoints.Values.Select(a => a.Policy.Value),
            .. Levels(snapshot.Organization?.ServiceControlPolicies),
            .. Levels(snapshot.Organization?.ResourceControlPolicies),
        ];
        foreach (var document in others.OfType<PolicyDocument>())
        {
            yield return document;
        }
    }

    private static IEnumerable<PolicyDocument> Levels(IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<PolicyDocument>>>? byAccount) =>
        byAccount is null ? [] : byAccount.Values.SelectMany(levels => levels.SelectMany(level => level));
}
