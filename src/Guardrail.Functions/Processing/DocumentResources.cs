using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>
/// The protected buckets and roles of a configuration document (<c>GUARDRAIL_CONFIG</c>). A bucket is protected when a
/// path reads it, in the account the document names as its owner; a role when it is in a path's chain. What it is
/// judged against is the document's: every path reading the bucket (its chain, cluster kind, endpoints and the
/// bucket's table prefixes) and the organization's id; never an event's fields. In organization mode the state keys
/// and alerts name the account, and the live policy is read and restored through that account's member role.
/// </summary>
public static class DocumentResources
{
    /// <summary>The protected bucket of a bucket-policy event (its owner must be the event's account), or null.</summary>
    public static IPolicyKind? Bucket(PolicyChangeEvent change, ConfigDocument document, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.IsBucketPolicyChange && change.BucketName is { } bucket ? BucketKind(document, bucket, change.Account, time) : null;
    }

    /// <summary>The protected role of a trust-policy event in the event's account, or null.</summary>
    public static IPolicyKind? Trust(PolicyChangeEvent change, ConfigDocument document, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.IsTrustPolicyChange && change.RoleName is { } name ? TrustKind(document, name, change.Account, time) : null;
    }

    /// <summary>Every protected bucket and role of the document, each once (what the drift scan and the baseline judge).</summary>
    public static IReadOnlyList<IPolicyKind> All(ConfigDocument document, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buckets = document.Paths.SelectMany(p => p.Tables).Select(t => (t.Account, t.Bucket)).Distinct().OrderBy(b => b.Account, StringComparer.Ordinal).ThenBy(b => b.Bucket, StringComparer.Ordinal);
        var roles = document.Paths.SelectMany(p => p.RoleChain).Distinct(StringComparer.Ordinal).Select(RoleArn.Parse).Select(r => (r.AccountId, r.Name)).Distinct().OrderBy(r => r.AccountId, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal);
        return [
            .. buckets.Select(b => BucketKind(document, b.Bucket, b.Account, time)).OfType<IPolicyKind>(),
            .. roles.Select(r => TrustKind(document, r.Name, r.AccountId, time)).OfType<IPolicyKind>(),
        ];
    }

    /// <summary>
    /// The protected buckets and roles that <paramref name="pathName"/> is the first path (in document order) to name:
    /// the queued scan judges each with that path, so each is judged once per scan. One walk of the document up to the
    /// path, and a kind made only for what the path names first (not for the whole document at every invocation).
    /// </summary>
    public static IReadOnlyList<IPolicyKind> NamedFirstBy(ConfigDocument document, string pathName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buckets = new HashSet<(string, string)>();
        var roles = new HashSet<(string, string)>();
        foreach (var path in document.Paths)
        {
            var newBuckets = path.Tables.Select(t => (t.Account, t.Bucket)).Where(buckets.Add).ToList();
            var newRoles = path.RoleChain.Select(RoleArn.Parse).Select(r => (r.AccountId, r.Name)).Where(roles.Add).ToList();
            if (path.Name == pathName)
            {
                return [
                    .. newBuckets.Select(b => BucketKind(document, b.Bucket, b.Account, time)).OfType<IPolicyKind>(),
                    .. newRoles.Select(r => TrustKind(document, r.Name, r.AccountId, time)).OfType<IPolicyKind>(),
                ];
            }
        }

        return [];
    }

    /// <summary>The bucket <paramref name="bucket"/> of <paramref name="account"/> as the document protects it, or null when no path reads it there.</summary>
    public static IPolicyKind? BucketKind(ConfigDocument document, string bucket, string account, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(document);
        var reading = document.Paths
            .Select(p => (Path: p, Prefixes: p.Tables.Where(t => t.Bucket == bucket && t.Account == account).Select(t => t.Prefix).Distinct(StringComparer.Ordinal).ToList()))
            .Where(x => x.Prefixes.Count > 0)
            .ToList();
        if (reading.Count == 0)
        {
            return null;
        }

        var organization = document.Organization?.Id;
        return new BucketPolicyKind(
            bucket,
            now => reading.Select(x => new BucketCheckOptions(
                bucket,
                [.. x.Path.RoleChain.Select(RoleArn.Parse)],
                account,
                x.Path.Cluster is { } cluster ? ClusterKinds.Of(cluster.Kind) : ClusterKind.Provisioned,
                x.Path.Cluster?.VpcEndpoints ?? [],
                x.Prefixes,
                organization,
                now)),
            document.Organization is null ? null : account,
            time,
            [.. reading.Select(x => x.Path.Name)]);
    }

    /// <summary>The role <paramref name="name"/> of <paramref name="account"/> as the document protects it, or null when no chain has it.</summary>
    public static IPolicyKind? TrustKind(ConfigDocument document, string name, string account, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = document.Paths
            .Select(p => (Path: p, Chain: p.RoleChain.Select(RoleArn.Parse).ToList()))
            .SelectMany(p => p.Chain.Select((role, i) => (role, i)).Where(x => x.role.Name == name && x.role.AccountId == account).Select(x => (p.Path.Name, Chain: (IReadOnlyList<RoleArn>)[.. p.Chain.Take(x.i + 1)])))
            .ToList();
        var chains = found.Select(f => f.Chain).DistinctBy(c => string.Join(",", c.Select(r => r.Arn)), StringComparer.Ordinal).ToList();
        return chains.Count == 0 ? null : new TrustPolicyKind(name, chains, time, document.Organization is null ? null : account, [.. found.Select(f => f.Name).Distinct(StringComparer.Ordinal)]);
    }
}
