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
    /// Every protected bucket and role of the document, by the name of the first path (in document order) that names
    /// it: the path whose queued scan judges it too, so each is judged once per scan.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IPolicyKind>> ByFirstPath(ConfigDocument document, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buckets = new HashSet<(string, string)>();
        var roles = new HashSet<(string, string)>();
        var byPath = new Dictionary<string, IReadOnlyList<IPolicyKind>>(StringComparer.Ordinal);
        foreach (var path in document.Paths)
        {
            var kinds = new List<IPolicyKind>();
            foreach (var table in path.Tables.Where(t => buckets.Add((t.Account, t.Bucket))))
            {
                kinds.AddRange(new[] { BucketKind(document, table.Bucket, table.Account, time) }.OfType<IPolicyKind>());
            }

            foreach (var role in path.RoleChain.Select(RoleArn.Parse).Where(r => roles.Add((r.AccountId, r.Name))))
            {
                kinds.AddRange(new[] { TrustKind(document, role.Name, role.AccountId, time) }.OfType<IPolicyKind>());
            }

            byPath[path.Name] = kinds;
        }

        return byPath;
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
