using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Core.Identifiers;

namespace Guardrail.Aws.Collect;

/// <summary>
/// Reads Spectrum's whole access path from AWS into a snapshot (the schema <c>guardrail check path</c> reads):
/// the cluster's attached roles, each role of the chain, the buckets, the keys their default encryption uses, the
/// Glue catalogs, the organization's SCPs and RCPs, Lake Formation's registrations, grants and LF-tags, a Serverless
/// workgroup's S3 VPC endpoints and the access points the tables go through. Each document is read once per collection. What cannot be
/// read is left out of the snapshot (its hop is then <c>unchecked</c>) and reported beside it, never guessed.
/// </summary>
public sealed class SnapshotCollector
{
    private readonly IAccountReaders readers;

    public SnapshotCollector(IAccountReaders readers)
    {
        this.readers = readers;
    }

    /// <summary>Collects the path of <paramref name="request"/>.</summary>
    /// <exception cref="Calls.AwsCallException">The caller's own account cannot be found out (no credentials, or STS refuses): nothing can be read.</exception>
    public Task<SnapshotCollection> CollectAsync(SnapshotRequest request, CancellationToken cancellationToken) =>
        CollectAsync(request, null, cancellationToken);

    /// <summary>
    /// Collects the path of <paramref name="request"/>, sharing <paramref name="cache"/>'s answers with the other
    /// collections of the same invocation, so a document several paths share is read once.
    /// </summary>
    public async Task<SnapshotCollection> CollectAsync(SnapshotRequest request, ReadCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var own = await readers.OwnAccountAsync(cancellationToken).ConfigureAwait(false);
        var context = new CollectionContext(readers, request.Region, own, cancellationToken, cache);

        // An access point (ARN or alias) in place of a bucket is resolved first: the other hops read its bucket.
        var (tables, bucketAccounts, accessPoints) = await AccessPointSection.ResolveAsync(context, request).ConfigureAwait(false);
        request = request with { Tables = tables, BucketAccounts = bucketAccounts };

        var vpcEndpoints = new JsonObject();
        var spectrum = await SpectrumSection.CollectAsync(context, request, vpcEndpoints).ConfigureAwait(false);
        var (lakeFormation, registrationRoles) = await LakeFormationSection.CollectAsync(context, request.Tables, bucketAccounts, request.RoleChain.Count > 0 ? request.RoleChain[^1] : null).ConfigureAwait(false);
        var roles = await RoleSection.CollectAsync(context, [.. request.RoleChain, .. registrationRoles]).ConfigureAwait(false);
        var (buckets, keyUses) = await BucketSection.CollectAsync(context, request.Tables.Select(t => t.Bucket), request.BucketAccounts).ConfigureAwait(false);
        var keys = await KeySection.CollectAsync(context, keyUses).ConfigureAwait(false);
        var catalogs = await SpectrumSection.CatalogsAsync(context, request.Tables.Select(t => t.CatalogAccount).OfType<string>()).ConfigureAwait(false);

        // SCPs cap the roles' accounts; RCPs guard the resources' accounts (the role, the bucket, the key).
        var pathAccounts = request.RoleChain.Select(r => r.AccountId)
            .Concat(buckets.Select(b => b.Value?["account"]?.GetValue<string>()).OfType<string>())
            .Concat(keys.Select(k => KmsArn.Parse(k.Key)?.Account).OfType<string>());
        var organization = await OrganizationSection.CollectAsync(context, pathAccounts).ConfigureAwait(false);

        var snapshot = new JsonObject
        {
            ["spectrum"] = spectrum,
            ["roles"] = roles,
            ["buckets"] = buckets,
            ["keys"] = keys,
            ["catalogs"] = catalogs,
        };
        if (organization is not null)
        {
            snapshot["organization"] = organization;
        }

        // Added only when there is something to say, so a path without them reads as before.
        if (vpcEndpoints.Count > 0)
        {
            snapshot["vpcEndpoints"] = vpcEndpoints;
        }

        if (accessPoints.Count > 0)
        {
            snapshot["accessPoints"] = accessPoints;
        }

        if (lakeFormation.Count > 0)
        {
            snapshot["lakeFormation"] = lakeFormation;
        }

        return new SnapshotCollection(snapshot, context.Notes, context.Failures, readers.Counter.Counts) { Facts = context.Facts.Build() };
    }
}
