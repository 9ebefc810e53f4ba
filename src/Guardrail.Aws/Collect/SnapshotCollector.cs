using System.Text.Json.Nodes;
using Guardrail.Aws.Accounts;
using Guardrail.Core.Identifiers;

namespace Guardrail.Aws.Collect;

/// <summary>
/// Reads Spectrum's whole access path from AWS into a snapshot (the schema <c>guardrail check path</c> reads):
/// the cluster's attached roles, each role of the chain, the buckets, the keys their default encryption uses, the
/// Glue catalogs and the organization's SCPs and RCPs. Each document is read once per collection. What cannot be
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

        var spectrum = await SpectrumSection.CollectAsync(context, request).ConfigureAwait(false);
        var roles = await RoleSection.CollectAsync(context, request.RoleChain).ConfigureAwait(false);
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

        return new SnapshotCollection(snapshot, context.Notes, context.Failures, readers.Counter.Counts) { Facts = context.Facts.Build() };
    }
}
