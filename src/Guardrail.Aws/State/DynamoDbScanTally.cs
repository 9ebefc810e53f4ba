using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using static Guardrail.Aws.State.SealedItems;

namespace Guardrail.Aws.State;

/// <summary>
/// The scan tally in the state table. A path is counted by one transaction that creates its item (only if absent) and
/// replaces the scan's item with the counts one higher (only if it is still the one read, by its MAC): a path is
/// counted once, and exactly one worker sees the count reach the total. Items are kept two days (TTL).
/// </summary>
public sealed class DynamoDbScanTally : IScanTally
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    // Workers of one scan count at once: a lost race is read again, with growing pauses.
    private const int Attempts = 16;

    /// <summary>The most paths counted in one transaction (DynamoDB takes 100 items, one is the scan's).</summary>
    public const int MaxBatch = 99;

    private readonly SealedItems items;
    private readonly TimeProvider time;

    public DynamoDbScanTally(IAmazonDynamoDB dynamo, string table, IStateSealer sealer, TimeProvider? time = null)
    {
        items = new SealedItems(dynamo, table, sealer);
        this.time = time ?? TimeProvider.System;
    }

    public static DynamoDbScanTally Create(AwsEndpoints endpoints, string table, IStateSealer sealer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var config = new AmazonDynamoDBConfig { RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(endpoints.Region) };
        if (endpoints.Override("DYNAMODB") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return new DynamoDbScanTally(new AmazonDynamoDBClient(config), table, sealer, time);
    }

    public async Task StartAsync(string scanId, int total, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var item = await items.SealAsync(ScanItem(scanId, new ScanCounts(total, 0, 0, 0, 0, startedAt, false)), cancellationToken).ConfigureAwait(false);
        await items.Dynamo.PutItemAsync(new PutItemRequest { TableName = items.Table, Item = item, ConditionExpression = "attribute_not_exists(pk)" }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TallyStep> RecordAsync(string scanId, IReadOnlyList<(string PathKey, ScanResult Result)> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count is 0 or > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(results), results.Count, $"1 to {MaxBatch} paths are counted at once");
        }

        var expiresAt = N((time.GetUtcNow() + Retention).ToUnixTimeSeconds());
        var pending = new List<(string Pk, ScanResult Result, Dictionary<string, AttributeValue> Item)>();
        foreach (var (pathKey, result) in results.DistinctBy(r => r.PathKey, StringComparer.Ordinal))
        {
            var pk = $"scanpath#{scanId}#{pathKey}";
            pending.Add((pk, result, await items.SealAsync(new Dictionary<string, AttributeValue> { ["pk"] = S(pk), ["result"] = S(result.ToString()), ["expiresAt"] = expiresAt }, cancellationToken).ConfigureAwait(false)));
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (scan, counts) = await ReadScanAsync(scanId, cancellationToken).ConfigureAwait(false);
            if (scan is null || counts is null)
            {
                return new TallyStep(false, null);
            }

            // A path counted before (a duplicate delivery, or a retry after its first result) is not counted again.
            var fresh = new List<(string Pk, ScanResult Result, Dictionary<string, AttributeValue> Item)>();
            foreach (var path in pending)
            {
                if (!await CountedBeforeAsync(path.Pk, cancellationToken).ConfigureAwait(false))
                {
                    fresh.Add(path);
                }
            }

            pending = fresh;
            if (pending.Count == 0)
            {
                return new TallyStep(false, counts);
            }

            var next = pending.Aggregate(counts, (c, p) => c.With(p.Result));
            var nextItem = await items.SealAsync(ScanItem(scanId, next), cancellationToken).ConfigureAwait(false);
            try
            {
                await items.Dynamo.TransactWriteItemsAsync(
                    new TransactWriteItemsRequest
                    {
                        TransactItems =
                        [
                            .. pending.Select(p => new TransactWriteItem { Put = new Put { TableName = items.Table, Item = p.Item, ConditionExpression = "attribute_not_exists(pk)" } }),
                            new TransactWriteItem
                            {
                                Put = new Put
                                {
                                    TableName = items.Table,
                                    Item = nextItem,
                                    ConditionExpression = "#mac = :mac",
                                    ExpressionAttributeNames = new Dictionary<string, string> { ["#mac"] = ItemDigest.MacAttribute },
                                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":mac"] = scan[ItemDigest.MacAttribute] },
                                },
                            },
                        ],
                    },
                    cancellationToken).ConfigureAwait(false);
                return new TallyStep(true, next);
            }
            catch (TransactionCanceledException)
            {
                // Another worker counted meanwhile: read again, after a random pause that grows with each attempt.
                var pause = Math.Min(2000, 25 << Math.Min(attempt, 6));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(pause / 2, pause)), time, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"could not count {pending.Count} paths in scan {scanId}: its tally kept changing under the guardrail");
    }

    public async Task MarkPublishedAsync(string scanId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (scan, counts) = await ReadScanAsync(scanId, cancellationToken).ConfigureAwait(false);
            if (scan is null || counts is null || counts.Published)
            {
                return;
            }

            var item = await items.SealAsync(ScanItem(scanId, counts with { Published = true }), cancellationToken).ConfigureAwait(false);
            try
            {
                await items.Dynamo.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = items.Table,
                        Item = item,
                        ConditionExpression = "#mac = :mac",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#mac"] = ItemDigest.MacAttribute },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":mac"] = scan[ItemDigest.MacAttribute] },
                    },
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                // Changed meanwhile: read again.
            }
        }

        throw new InvalidOperationException($"could not mark the summary of scan {scanId} published: its item kept changing");
    }

    /// <summary>Whether the path's item exists (and verifies: one that does not is never read as "counted").</summary>
    private async Task<bool> CountedBeforeAsync(string pathPk, CancellationToken cancellationToken)
    {
        var (item, tampering) = await items.ReadAsync(pathPk, cancellationToken).ConfigureAwait(false);
        return tampering is not null ? throw new StateTamperedException(tampering) : item is not null;
    }

    private async Task<(Dictionary<string, AttributeValue>? Item, ScanCounts? Counts)> ReadScanAsync(string scanId, CancellationToken cancellationToken)
    {
        var pk = $"scan#{scanId}";
        var (item, tampering) = await items.ReadAsync(pk, cancellationToken).ConfigureAwait(false);
        if (tampering is not null)
        {
            throw new StateTamperedException(tampering);
        }

        if (item is null)
        {
            return (null, null);
        }

        int Count(string name) => item.TryGetValue(name, out var v) && int.TryParse(v.N, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new StateTamperedException(new StateTampering(pk, $"a scan tally without a valid {name}"));
        var started = item.TryGetValue("startedAt", out var s) && long.TryParse(s.N, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new StateTamperedException(new StateTampering(pk, "a scan tally without a valid start"));
        return (item, new ScanCounts(Count("total"), Count("ok"), Count("atRisk"), Count("breaks"), Count("couldNotJudge"), started, item.TryGetValue("published", out var p) && p.BOOL == true));
    }

    private Dictionary<string, AttributeValue> ScanItem(string scanId, ScanCounts counts) => new()
    {
        ["pk"] = S($"scan#{scanId}"),
        ["total"] = N(counts.Total),
        ["ok"] = N(counts.Ok),
        ["atRisk"] = N(counts.AtRisk),
        ["breaks"] = N(counts.Breaks),
        ["couldNotJudge"] = N(counts.CouldNotJudge),
        ["startedAt"] = N(counts.StartedAt.ToUnixTimeMilliseconds()),
        ["published"] = new AttributeValue { BOOL = counts.Published },
        ["expiresAt"] = N((counts.StartedAt + Retention).ToUnixTimeSeconds()),
    };
}
