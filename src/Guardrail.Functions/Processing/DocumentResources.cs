using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration.Documents;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>
/// The protected buckets and roles of a configuration document (<c>GUARDRAIL_CONFIG</c>). A bucket is protected when a
/// path reads it and the document names the event's account as its owner; a role when it is in a path's chain in the
/// event's account. What it is judged against is the document's: every path reading the bucket (its chain, cluster
/// kind, endpoints and the bucket's table prefixes), the organization's id; never the event's fields.
/// </summary>
public static class DocumentResources
{
    /// <summary>The protected bucket of a bucket-policy event, or null.</summary>
    public static IPolicyKind? Bucket(PolicyChangeEvent change, ConfigDocument document, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(document);
        if (!change.IsBucketPolicyChange || change.BucketName is not { } bucket)
        {
            return null;
        }

        var reading = document.Paths
            .Select(p => (Path: p, Prefixes: p.Tables.Where(t => t.Bucket == bucket && t.Account == change.Account).Select(t => t.Prefix).Distinct(StringComparer.Ordinal).ToList()))
            .Where(x => x.Prefixes.Count > 0)
            .ToList();
        if (reading.Count == 0)
        {
            return null;
        }

        var account = change.Account;
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

    /// <summary>The protected role of a trust-policy event in the event's account, or null.</summary>
    public static IPolicyKind? Trust(PolicyChangeEvent change, ConfigDocument document, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(document);
        if (!change.IsTrustPolicyChange || change.RoleName is not { } name)
        {
            return null;
        }

        var found = document.Paths
            .Select(p => (Path: p, Chain: p.RoleChain.Select(RoleArn.Parse).ToList()))
            .SelectMany(p => p.Chain.Select((role, i) => (role, i)).Where(x => x.role.Name == name && x.role.AccountId == change.Account).Select(x => (p.Path.Name, Chain: (IReadOnlyList<RoleArn>)[.. p.Chain.Take(x.i + 1)])))
            .ToList();
        var chains = found.Select(f => f.Chain).DistinctBy(c => string.Join(",", c.Select(r => r.Arn)), StringComparer.Ordinal).ToList();
        return chains.Count == 0 ? null : new TrustPolicyKind(name, chains, time, document.Organization is null ? null : change.Account, [.. found.Select(f => f.Name).Distinct(StringComparer.Ordinal)]);
    }
}
