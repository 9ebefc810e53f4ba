using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Guardrail.Aws.Sns;

namespace Guardrail.Aws.State;

/// <summary>
/// Every state concern in one DynamoDB table with a String partition key <c>pk</c> and TTL attribute
/// <c>expiresAt</c> (epoch seconds); nothing else about the table is assumed. Items: <c>event#ID</c> (claims),
/// <c>knowngood#KEY</c>, <c>rollbacks#KEY</c>, <c>outbox#ID</c> (alerts), <c>alerted#KEY</c> (drift scan memory).
/// </summary>
public sealed class DynamoDbGuardrailState : IEventClaims, IKnownGoodStore, IRollbackHistory, IAlertOutbox
{
    private const string InProgress = "in-progress";
    private const string Completed = "completed";

    /// <summary>How long an in-progress claim or an outbox alert is kept at most (DynamoDB deletes it after).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly IAmazonDynamoDB dynamo;
    private readonly string table;

    public DynamoDbGuardrailState(IAmazonDynamoDB dynamo, string table)
    {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static DynamoDbGuardrailState Create(AwsEndpoints endpoints, string table)
    {
        var config = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(endpoints.Region) };
        if (endpoints.Override("DYNAMODB") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
        }

        return new DynamoDbGuardrailState(new AmazonDynamoDBClient(config), table);
    }

    public async Task<ClaimResult> ClaimAsync(string eventId, DateTimeOffset now, DateTimeOffset inProgressUntil, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = table,
                    Item = new Dictionary<string, AttributeValue>
                    {
                        ["pk"] = S($"event#{eventId}"),
                        ["state"] = S(InProgress),
                        ["until"] = N(inProgressUntil.ToUnixTimeMilliseconds()),
                        ["expiresAt"] = N((now + Retention).ToUnixTimeSeconds()),
                    },

                    // Free, or in progress past its expiry: the invocation that held it was killed.
                    ConditionExpression = "attribute_not_exists(pk) OR (#state = :inProgress AND #until < :now)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = "state", ["#until"] = "until" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":inProgress"] = S(InProgress), [":now"] = N(now.ToUnixTimeMilliseconds()) },
                    ReturnValues = ReturnValue.ALL_OLD,
                },
                cancellationToken).ConfigureAwait(false);
            return response.Attributes is { Count: > 0 } ? ClaimResult.TakenOverFromExpired : ClaimResult.Claimed;
        }
        catch (ConditionalCheckFailedException)
        {
            var item = await GetAsync($"event#{eventId}", cancellationToken).ConfigureAwait(false);
            return item is not null && item.TryGetValue("state", out var state) && state.S == Completed ? ClaimResult.Completed : ClaimResult.InProgress;
        }
    }

    public Task CompleteAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken) =>
        dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = table,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = S($"event#{eventId}"),
                    ["state"] = S(Completed),
                    ["expiresAt"] = N(keepUntil.ToUnixTimeSeconds()),
                },
            },
            cancellationToken);

    public Task ReleaseAsync(string eventId, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key($"event#{eventId}") }, cancellationToken);

    public async Task<KnownGoodPolicy?> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken)
    {
        var item = await GetAsync($"knowngood#{resourceKey}", cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        return new KnownGoodPolicy(
            resourceKey,
            item.TryGetValue("policy", out var policy) ? policy.S : null,
            item["hash"].S,
            item["eventId"].S,
            DateTimeOffset.Parse(item["time"].S, CultureInfo.InvariantCulture),
            item["actor"].S);
    }

    public Task PutKnownGoodAsync(KnownGoodPolicy knownGood, CancellationToken cancellationToken)
    {
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

        return dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item }, cancellationToken);
    }

    public async Task<RollbackHistory> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var item = await GetAsync($"rollbacks#{resourceKey}", cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return RollbackHistory.None;
        }

        IReadOnlyList<DateTimeOffset> times = item.TryGetValue("times", out var t) && t.NS is not null
            ? [.. t.NS.Select(n => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(n, CultureInfo.InvariantCulture))).Where(n => n >= since).Order()]
            : [];
        return new RollbackHistory(times, item.TryGetValue("restoredHash", out var hash) ? hash.S : null);
    }

    public async Task<bool> TryStartRollbackAsync(string resourceKey, DateTimeOffset at, string restoredHash, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = table,
                    Key = Key($"rollbacks#{resourceKey}"),
                    UpdateExpression = "ADD #times :t SET expiresAt = :e, restoredHash = :h, leaseUntil = :l",
                    ConditionExpression = "attribute_not_exists(leaseUntil) OR leaseUntil < :now",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#times"] = "times" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":t"] = new() { NS = [at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)] },
                        [":e"] = N(at.AddDays(1).ToUnixTimeSeconds()),
                        [":h"] = S(restoredHash),
                        [":l"] = N(leaseUntil.ToUnixTimeMilliseconds()),
                        [":now"] = N(at.ToUnixTimeMilliseconds()),
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task EndRollbackAsync(string resourceKey, CancellationToken cancellationToken) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest { TableName = table, Key = Key($"rollbacks#{resourceKey}"), UpdateExpression = "REMOVE leaseUntil" }, cancellationToken);

    public async Task<PendingAlert?> GetPendingAsync(string eventId, CancellationToken cancellationToken)
    {
        var item = await GetAsync($"outbox#{eventId}", cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var attributes = item["attributes"].L.Select(a => new SnsAttribute(a.M["n"].S, a.M["t"].S, a.M["v"].S)).ToList();
        var message = new SnsMessage(item["topic"].S, item["subject"].S, item["default"].S, item["email"].S, attributes);
        return new PendingAlert(
            eventId,
            item["resource"].S,
            message,
            item["outcome"].S,
            Enum.Parse<AlertStage>(item["stage"].S),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(item["recordedAt"].N, CultureInfo.InvariantCulture)),
            item.TryGetValue("restoreHash", out var restore) ? restore.S : null,
            item["action"].S,
            item.TryGetValue("publishError", out var error) ? error.S : null);
    }

    public Task PutPendingAsync(PendingAlert alert, CancellationToken cancellationToken)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = S($"outbox#{alert.EventId}"),
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

        return dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item }, cancellationToken);
    }

    public Task DeletePendingAsync(string eventId, CancellationToken cancellationToken) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key($"outbox#{eventId}") }, cancellationToken);

    public async Task<string?> GetLastAlertedHashAsync(string resourceKey, CancellationToken cancellationToken) =>
        (await GetAsync($"alerted#{resourceKey}", cancellationToken).ConfigureAwait(false))?["hash"].S;

    public Task PutLastAlertedHashAsync(string resourceKey, string hash, CancellationToken cancellationToken) =>
        dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = new() { ["pk"] = S($"alerted#{resourceKey}"), ["hash"] = S(hash) } }, cancellationToken);

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(pk), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static Dictionary<string, AttributeValue> Key(string pk) => new() { ["pk"] = S(pk) };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
