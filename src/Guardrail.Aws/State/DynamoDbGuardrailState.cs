using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Guardrail.Aws.Sns;

namespace Guardrail.Aws.State;

/// <summary>
/// Every state concern in one DynamoDB table with a String partition key <c>pk</c> and TTL attribute
/// <c>expiresAt</c> (epoch seconds); nothing else about the table is assumed. Items: <c>event#CLAIM</c> (claims),
/// <c>knowngood#KEY</c>, <c>rollbacks#KEY</c>, <c>outbox#CLAIM</c> (alerts), <c>alerted#KEY</c> (drift scan memory).
/// </summary>
/// <remarks>
/// Every item carries a MAC (<see cref="IStateSealer"/>) over its digest (<see cref="ItemDigest"/>); every item read is
/// verified, and one that does not verify, or whose times are out of range, is never obeyed (<see cref="StateTampering"/>).
/// Because the MAC covers every attribute, items are never changed in place: each change reads the item, verifies it,
/// and puts the new item on the condition that the one read is still there (its MAC), which is as atomic as an update.
/// </remarks>
public sealed class DynamoDbGuardrailState : IEventClaims, IKnownGoodStore, IRollbackHistory, IAlertOutbox
{
    private const string InProgress = "in-progress";
    private const string Completed = "completed";
    private const string NoMac = "has no MAC: it was not written by this version of the guardrail (tampered, or left by a version before MACs)";
    private const string BadMac = "its MAC does not verify: it was changed by someone other than the guardrail";

    /// <summary>How long an in-progress claim or an outbox alert is kept at most (DynamoDB deletes it after).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly IAmazonDynamoDB dynamo;
    private readonly string table;
    private readonly IStateSealer sealer;
    private readonly TimeProvider time;

    public DynamoDbGuardrailState(IAmazonDynamoDB dynamo, string table, IStateSealer sealer, TimeProvider? time = null)
    {
        this.dynamo = dynamo;
        this.table = table;
        this.sealer = sealer;
        this.time = time ?? TimeProvider.System;
    }

    public static DynamoDbGuardrailState Create(AwsEndpoints endpoints, string table, IStateSealer sealer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var config = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(endpoints.Region) };
        if (endpoints.Override("DYNAMODB") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return new DynamoDbGuardrailState(new AmazonDynamoDBClient(config), table, sealer, time);
    }

    public async Task<ClaimResult> ClaimAsync(string claimKey, DateTimeOffset now, DateTimeOffset inProgressUntil, CancellationToken cancellationToken)
    {
        var pk = $"event#{claimKey}";
        var claim = new Dictionary<string, AttributeValue>
        {
            ["pk"] = S(pk),
            ["state"] = S(InProgress),
            ["until"] = N(inProgressUntil.ToUnixTimeMilliseconds()),
            ["expiresAt"] = N((now + Retention).ToUnixTimeSeconds()),
        };
        if (await TryPutAsync(claim, Unchanged(null), cancellationToken).ConfigureAwait(false))
        {
            return ClaimResult.Claimed;
        }

        var (found, tampering) = await ReadAsync(pk, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            // Given back (deleted) between the two calls: claim it again.
            return await TryPutAsync(claim, Unchanged(null), cancellationToken).ConfigureAwait(false) ? ClaimResult.Claimed : ClaimResult.InProgress;
        }

        var state = Text(found, "state");
        var until = Millis(found, "until");
        tampering ??= state switch
        {
            Completed => null,
            InProgress when until is null => new StateTampering(pk, "an in-progress claim without a valid expiry"),
            InProgress when until > StateLimits.LatestLease(now) => new StateTampering(pk, $"an in-progress claim that expires at {until:u}, later than any invocation can last"),
            InProgress => null,
            _ => new StateTampering(pk, "a claim in an unknown state"),
        };
        if (tampering is not null)
        {
            // Never read as "in progress" or "done": take it over, or fail (could-not-judge) if it keeps changing.
            return await TakeOverTamperedAsync(pk, claim, found, cancellationToken).ConfigureAwait(false);
        }

        if (state == Completed)
        {
            return ClaimResult.Completed;
        }

        if (until >= now)
        {
            return ClaimResult.InProgress;
        }

        // In progress past its expiry: the invocation that held it was killed.
        return await TryPutAsync(claim, Unchanged(found), cancellationToken).ConfigureAwait(false) ? ClaimResult.TakenOverFromExpired : ClaimResult.InProgress;
    }

    private async Task<ClaimResult> TakeOverTamperedAsync(string pk, Dictionary<string, AttributeValue> claim, Dictionary<string, AttributeValue> found, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryPutAsync(claim, Unchanged(found), cancellationToken).ConfigureAwait(false))
            {
                return ClaimResult.TakenOverFromTampered;
            }

            var (again, tampered) = await ReadAsync(pk, cancellationToken).ConfigureAwait(false);
            if (again is null)
            {
                return await TryPutAsync(claim, Unchanged(null), cancellationToken).ConfigureAwait(false) ? ClaimResult.TakenOverFromTampered : ClaimResult.InProgress;
            }

            if (tampered is null)
            {
                // A guardrail invocation claimed it meanwhile (its MAC verifies): that one judges the event.
                return ClaimResult.InProgress;
            }

            found = again;
        }

        throw new StateTamperedException(new StateTampering(pk, "the claim item keeps being rewritten by someone other than the guardrail"));
    }

    public Task CompleteAsync(string claimKey, DateTimeOffset keepUntil, CancellationToken cancellationToken) =>
        PutAsync(
            new Dictionary<string, AttributeValue>
            {
                ["pk"] = S($"event#{claimKey}"),
                ["state"] = S(Completed),
                ["expiresAt"] = N(keepUntil.ToUnixTimeSeconds()),
            },
            cancellationToken);

    public Task ReleaseAsync(string claimKey, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key($"event#{claimKey}") }, cancellationToken);

    public async Task<StateRead<KnownGoodPolicy>> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken)
    {
        var pk = $"knowngood#{resourceKey}";
        var (item, tampering) = await ReadAsync(pk, cancellationToken).ConfigureAwait(false);
        if (tampering is not null)
        {
            return StateRead.Tampered<KnownGoodPolicy>(tampering);
        }

        if (item is null)
        {
            return StateRead.Absent<KnownGoodPolicy>();
        }

        return Text(item, "hash") is { } hash && Text(item, "eventId") is { } eventId && Text(item, "actor") is { } actor
            && DateTimeOffset.TryParse(Text(item, "time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? StateRead.Of<KnownGoodPolicy>(new KnownGoodPolicy(resourceKey, Text(item, "policy"), hash, eventId, at, actor))
            : StateRead.Tampered<KnownGoodPolicy>(new StateTampering(pk, "a known-good record missing its hash, event, time or actor"));
    }

    public Task PutKnownGoodAsync(KnownGoodPolicy knownGood, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knownGood);
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = S($"knowngood#{knownGood.ResourceKey}"),
            ["hash"] = S(knownGood.Hash),
            ["eventId"] = S(knownGood.EventId),
            ["time"] = S(knownGood.Time.ToString("O", CultureInfo.InvariantCulture)),
            ["actor"] = S(knownGood.Actor),
        };
        if (knownGood.PolicyText is not null)
        {
            item["policy"] = S(knownGood.PolicyText);
        }

        return PutAsync(item, cancellationToken);
    }

    public async Task<StateRead<RollbackHistory>> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (history, tampering, _) = await ReadHistoryAsync(resourceKey, cancellationToken).ConfigureAwait(false);
        return tampering is not null
            ? StateRead.Tampered<RollbackHistory>(tampering)
            : StateRead.Of<RollbackHistory>(history with { Times = [.. history.Times.Where(t => t >= since)] });
    }

    public async Task<bool> TryStartRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var (history, tampering, item) = await ReadHistoryAsync(resourceKey, cancellationToken).ConfigureAwait(false);
        if (tampering is null && history.LeaseUntil is { } held && held >= at)
        {
            return false;
        }

        // A tampered history is never obeyed: its lease is ignored and its times are dropped.
        var times = tampering is null ? history.Times : [];
        if (await TryPutAsync(HistoryItem(resourceKey, times, restoredHash, leaseUntil, at), Unchanged(item), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (tampering is null)
        {
            // Another invocation took the lease between the read and the put.
            return false;
        }

        // Lost to someone rewriting a tampered item: read again (a guardrail lease now verifies and is obeyed).
        for (var attempt = 0; attempt < 2; attempt++)
        {
            (history, tampering, item) = await ReadHistoryAsync(resourceKey, cancellationToken).ConfigureAwait(false);
            if (tampering is null)
            {
                return history.LeaseUntil is not { } lease || lease < at
                    ? await TryPutAsync(HistoryItem(resourceKey, history.Times, restoredHash, leaseUntil, at), Unchanged(item), cancellationToken).ConfigureAwait(false)
                    : false;
            }

            if (await TryPutAsync(HistoryItem(resourceKey, [], restoredHash, leaseUntil, at), Unchanged(item), cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        throw new StateTamperedException(tampering);
    }

    public async Task EndRollbackAsync(string resourceKey, DateTimeOffset? wroteAt, CancellationToken cancellationToken)
    {
        // Only the lease holder ends a rollback, so a lost race here is someone tampering: read and try again, a few times.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (history, tampering, item) = await ReadHistoryAsync(resourceKey, cancellationToken).ConfigureAwait(false);
            var times = tampering is null ? history.Times : [];
            if (wroteAt is { } wrote)
            {
                times = [.. times, wrote];
            }

            var now = time.GetUtcNow();
            if (await TryPutAsync(HistoryItem(resourceKey, times, tampering is null ? history.LastRestoredHash : null, null, now), Unchanged(item), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"could not end the rollback of {resourceKey}: its history item keeps changing under the guardrail");
    }

    public async Task<StateRead<PendingAlert>> GetPendingAsync(string claimKey, CancellationToken cancellationToken)
    {
        var pk = $"outbox#{claimKey}";
        var (item, tampering) = await ReadAsync(pk, cancellationToken).ConfigureAwait(false);
        if (tampering is not null || item is null)
        {
            return tampering is null ? StateRead.Absent<PendingAlert>() : StateRead.Tampered<PendingAlert>(tampering);
        }

        var recordedAt = Millis(item, "recordedAt");
        if (recordedAt is null || recordedAt > StateLimits.LatestRecord(time.GetUtcNow()) || !Enum.TryParse<AlertStage>(Text(item, "stage"), out var stage))
        {
            return StateRead.Tampered<PendingAlert>(new StateTampering(pk, "an outbox alert with no valid stage or recording time"));
        }

        // Read with explicit checks: a part missing is a damaged item, never an exception from the middle of a read.
        if (Attributes(item) is not { } attributes
            || Text(item, "topic") is not { } topic || Text(item, "subject") is not { } subject || Text(item, "default") is not { } json
            || Text(item, "email") is not { } email || Text(item, "resource") is not { } resource || Text(item, "outcome") is not { } outcome
            || Text(item, "action") is not { } action)
        {
            return StateRead.Tampered<PendingAlert>(new StateTampering(pk, "an outbox alert missing some of its parts"));
        }

        var message = new SnsMessage(topic, subject, json, email, attributes);
        return StateRead.Of(new PendingAlert(claimKey, resource, message, outcome, stage, recordedAt.Value, Text(item, "restoreHash"), action, Text(item, "publishError")));
    }

    /// <summary>An outbox item's message attributes (<c>[{n, t, v}]</c>), or null when any part is missing.</summary>
    private static List<SnsAttribute>? Attributes(Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue("attributes", out var list) || list.L is not { } entries)
        {
            return null;
        }

        var attributes = new List<SnsAttribute>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.M is not { } parts || Text(parts, "n") is not { } name || Text(parts, "t") is not { } type || Text(parts, "v") is not { } value)
            {
                return null;
            }

            attributes.Add(new SnsAttribute(name, type, value));
        }

        return attributes;
    }

    public Task PutPendingAsync(PendingAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = S($"outbox#{alert.ClaimKey}"),
            ["resource"] = S(alert.ResourceKey),
            ["topic"] = S(alert.Message.TopicArn),
            ["subject"] = S(alert.Message.Subject),
            ["default"] = S(alert.Message.Default),
            ["email"] = S(alert.Message.Email),
            ["attributes"] = new() { L = [.. alert.Message.Attributes.Select(a => new AttributeValue { M = new() { ["n"] = S(a.Name), ["t"] = S(a.DataType), ["v"] = S(a.Value) } })] },
            ["outcome"] = S(alert.Outcome),
            ["stage"] = S(alert.Stage.ToString()),
            ["recordedAt"] = N(alert.RecordedAt.ToUnixTimeMilliseconds()),
            ["action"] = S(alert.Action),
            ["expiresAt"] = N((alert.RecordedAt + Retention).ToUnixTimeSeconds()),
        };
        if (alert.RestoreHash is not null)
        {
            item["restoreHash"] = S(alert.RestoreHash);
        }

        if (alert.PublishError is not null)
        {
            item["publishError"] = S(alert.PublishError);
        }

        return PutAsync(item, cancellationToken);
    }

    public Task DeletePendingAsync(string claimKey, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key($"outbox#{claimKey}") }, cancellationToken);

    public async Task<StateRead<string>> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken)
    {
        var pk = $"alerted#{resourceKey}";
        var (item, tampering) = await ReadAsync(pk, cancellationToken).ConfigureAwait(false);
        return tampering is not null ? StateRead.Tampered<string>(tampering)
            : item is null ? StateRead.Absent<string>()
            : Text(item, "hash") is { } hash ? StateRead.Of<string>(hash)
            : StateRead.Tampered<string>(new StateTampering(pk, "an alert marker without a hash"));
    }

    public Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken) =>
        PutAsync(new Dictionary<string, AttributeValue> { ["pk"] = S($"alerted#{resourceKey}"), ["hash"] = S(hash) }, cancellationToken);

    /// <summary>A rollback history item: the times its writes landed, the hash last restored, and the lease if held.</summary>
    private static Dictionary<string, AttributeValue> HistoryItem(string resourceKey, IReadOnlyList<DateTimeOffset> times, string? restoredHash, DateTimeOffset? leaseUntil, DateTimeOffset now)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = S($"rollbacks#{resourceKey}"),
            ["expiresAt"] = N(now.AddDays(1).ToUnixTimeSeconds()),
        };

        // Only the last day matters to the circuit breaker (its window is an hour).
        var kept = times.Where(t => t >= now.AddDays(-1)).Select(t => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
        if (kept.Count > 0)
        {
            item["times"] = new AttributeValue { NS = kept };
        }

        if (restoredHash is not null)
        {
            item["restoredHash"] = S(restoredHash);
        }

        if (leaseUntil is { } lease)
        {
            item["leaseUntil"] = N(lease.ToUnixTimeMilliseconds());
        }

        return item;
    }

    private async Task<(RollbackHistory History, StateTampering? Tampering, Dictionary<string, AttributeValue>? Item)> ReadHistoryAsync(string resourceKey, CancellationToken cancellationToken)
    {
        var pk = $"rollbacks#{resourceKey}";
        var (item, tampering) = await ReadAsync(pk, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return (RollbackHistory.None, null, null);
        }

        if (tampering is not null)
        {
            return (RollbackHistory.None, tampering, item);
        }

        var now = time.GetUtcNow();
        var times = new List<DateTimeOffset>();
        foreach (var text in item.TryGetValue("times", out var t) && t.NS is { } numbers ? numbers : [])
        {
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || ms < 0 || ms > StateLimits.LatestRecord(now).ToUnixTimeMilliseconds())
            {
                return (RollbackHistory.None, new StateTampering(pk, "a rollback history with a time in the future or out of range"), item);
            }

            times.Add(DateTimeOffset.FromUnixTimeMilliseconds(ms));
        }

        var lease = Millis(item, "leaseUntil");
        if (item.ContainsKey("leaseUntil") && (lease is null || lease > StateLimits.LatestLease(now)))
        {
            return (RollbackHistory.None, new StateTampering(pk, $"a rollback lease until {lease:u}, later than any invocation can last"), item);
        }

        return (new RollbackHistory([.. times.Order()], Text(item, "restoredHash")) { LeaseUntil = lease }, null, item);
    }

    /// <summary>Reads an item and verifies its MAC: (item, null) when it verifies, (item, why) when not, (null, null) when absent.</summary>
    private async Task<(Dictionary<string, AttributeValue>? Item, StateTampering? Tampering)> ReadAsync(string pk, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(pk), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return (null, null);
        }

        if (!item.TryGetValue(ItemDigest.MacAttribute, out var mac) || mac.S is not { Length: > 0 } macText)
        {
            return (item, new StateTampering(pk, NoMac));
        }

        return await sealer.VerifyAsync(ItemDigest.Of(item), macText, cancellationToken).ConfigureAwait(false)
            ? (item, null)
            : (item, new StateTampering(pk, BadMac));
    }

    private async Task PutAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        await SealAsync(item, cancellationToken).ConfigureAwait(false);
        await dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a sealed item if the one there is still <paramref name="expected"/>; false when it changed meanwhile.</summary>
    private async Task<bool> TryPutAsync(Dictionary<string, AttributeValue> item, (string Condition, bool NamesMac, Dictionary<string, AttributeValue>? Values) expected, CancellationToken cancellationToken)
    {
        await SealAsync(item, cancellationToken).ConfigureAwait(false);
        try
        {
            await dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = table,
                    Item = item,
                    ConditionExpression = expected.Condition,
                    ExpressionAttributeNames = expected.NamesMac ? new Dictionary<string, string> { ["#mac"] = ItemDigest.MacAttribute } : null,
                    ExpressionAttributeValues = expected.Values,
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The condition that the item is still the one read — by its MAC attribute as it was, whatever its type (a
    /// planted MAC may be a number or a list), or by its lack of one — or still absent.
    /// </summary>
    private static (string Condition, bool NamesMac, Dictionary<string, AttributeValue>? Values) Unchanged(Dictionary<string, AttributeValue>? read)
    {
        if (read is null)
        {
            return ("attribute_not_exists(pk)", false, null);
        }

        if (!read.TryGetValue(ItemDigest.MacAttribute, out var mac))
        {
            return ("attribute_exists(pk) AND attribute_not_exists(#mac)", true, null);
        }

        return mac.S is { } macText
            ? ("#mac = :mac", true, new Dictionary<string, AttributeValue> { [":mac"] = S(macText) })
            : ("attribute_exists(#mac) AND NOT attribute_type(#mac, :s)", true, new Dictionary<string, AttributeValue> { [":s"] = S("S") });
    }

    private async Task SealAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        item.Remove(ItemDigest.MacAttribute);
        item[ItemDigest.MacAttribute] = S(await sealer.SealAsync(ItemDigest.Of(item), cancellationToken).ConfigureAwait(false));
    }

    private static string? Text(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var value) ? value.S : null;

    private static DateTimeOffset? Millis(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private static Dictionary<string, AttributeValue> Key(string pk) => new() { ["pk"] = S(pk) };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
