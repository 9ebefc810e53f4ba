using System.Text.Json.Nodes;
using Guardrail.Aws.S3Control;

namespace Guardrail.Aws.Collect;

/// <summary>
/// The <c>accessPoints</c> section: a table location that names an access point (its ARN, or its alias in place of
/// a bucket name) is resolved to the access point's ARN and bucket, and the access point's bucket, account, network
/// origin and policy are read. The tables are returned with the real bucket and the ARN, so that the bucket hops
/// read the bucket; one that cannot be resolved is left as named (its bucket reads then fail and are reported).
/// </summary>
internal static class AccessPointSection
{
    public static async Task<(IReadOnlyList<TableTarget> Tables, IReadOnlyDictionary<string, string> BucketAccounts, JsonObject AccessPoints)> ResolveAsync(CollectionContext context, SnapshotRequest request)
    {
        var accessPoints = new JsonObject();
        var bucketAccounts = new Dictionary<string, string>(request.BucketAccounts ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var tables = new List<TableTarget>();
        foreach (var table in request.Tables)
        {
            var point = await ResolveOneAsync(context, table.Bucket, request.BucketAccounts?.GetValueOrDefault(table.Bucket) ?? context.OwnAccount).ConfigureAwait(false);
            if (point is null)
            {
                tables.Add(table);
                continue;
            }

            var (arn, description, policy) = point.Value;
            var bucketAccount = description.BucketAccountId ?? arn.Account;

            // Without its policy the access point is unknown (left out); its bucket is still the one read.
            if (policy is not null)
            {
                accessPoints[arn.ToString()] = new JsonObject
                {
                    ["bucket"] = description.Bucket,
                    ["account"] = arn.Account,
                    ["networkOrigin"] = description.NetworkOrigin.Equals("VPC", StringComparison.OrdinalIgnoreCase) ? "VPC" : "Internet",
                    ["policy"] = PolicyJson.EmbedOrNull(policy.Value),
                };
            }

            bucketAccounts[description.Bucket] = bucketAccount;
            tables.Add(table with { Bucket = description.Bucket, AccessPoint = arn.ToString() });
        }

        return (tables, bucketAccounts, accessPoints);
    }

    private static async Task<(AccessPointArn Arn, AccessPointDescription Description, Read<string?>? Policy)?> ResolveOneAsync(CollectionContext context, string bucket, string aliasAccount)
    {
        AccessPointArn? arn = AccessPointNames.ParseArn(bucket);
        if (arn is null && !AccessPointNames.IsAlias(bucket))
        {
            return null;
        }

        var account = arn?.Account ?? aliasAccount;
        var region = arn?.Region ?? context.Region;
        if (await context.TryAsync(bucket, () => context.In(account)).ConfigureAwait(false) is not { } readers)
        {
            return null;
        }

        var points = readers.Value.AccessPoints(region);
        if (arn is null)
        {
            // An alias names no account: the access point is looked for among the named owner's (or the caller's).
            var listed = await context.TryAsync(bucket, () => context.Once($"access-points {account} {region}", () => points.ListAccessPointsAsync(null, context.Token))).ConfigureAwait(false);
            if (listed is null)
            {
                return null;
            }

            if (listed.Value.FirstOrDefault(p => p.Alias == bucket) is not { } match)
            {
                context.Note($"{bucket} is an access point alias, but no access point of {account} in {region} has it: the access point hop is unchecked (name the owner with --bucket-account)");
                return null;
            }

            arn = match.Arn is { } listedArn && AccessPointNames.ParseArn(listedArn) is { } parsed ? parsed : new AccessPointArn(context.Partition, region, account, match.Name);
        }

        var name = arn.Name;
        var description = await context.TryAsync(arn.ToString(), () => context.Once($"access-point {arn}", () => points.GetAccessPointAsync(name, context.Token))).ConfigureAwait(false);
        var policy = await context.TryAsync(arn.ToString(), () => context.Once($"access-point-policy {arn}", () => points.GetAccessPointPolicyAsync(name, context.Token))).ConfigureAwait(false);
        return description is null ? null : (arn, description.Value, policy);
    }
}
