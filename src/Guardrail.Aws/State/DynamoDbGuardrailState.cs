using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Guardrail.Aws.State;

/// <summary>
/// <see cref="IGuardrailState"/> in one DynamoDB table with a String partition key <c>pk</c> and TTL attribute
/// <c>expiresAt</c> (epoch seconds); nothing else about the table is assumed. Items:
/// <c>event#ID</c> (idempotency), <c>knowngood#KEY</c>, <c>rollbacks#KEY</c>, <c>alerted#KEY</c>.
/// </summary>
public sealed class DynamoDbGuardrailState : IGuardrailState
{
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

    public async Task<bool> ClaimEventAsync(string eventId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = table,
                    Item = new Dictionary<string, AttributeValue>
                    {
                        ["pk"] = S($"event#{eventId}"),
                        ["expiresAt"] = N(expiresAt.ToUnixTimeSeconds()),
                    },
                    ConditionExpression = "attribute_not_exists(pk)",
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken) =>
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

    public async Task<IReadOnlyList<DateTimeOffset>> GetRollbacksAsync(string resourceKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var item = await GetAsync($"rollbacks#{resourceKey}", cancellationToken).ConfigureAwait(false);
        if (item is null || !item.TryGetValue("times", out var times) || times.NS is null)
        {
            return [];
        }

        return [.. times.NS.Select(t => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(t, CultureInfo.InvariantCulture))).Where(t => t >= since).Order()];
    }

    public Task RecordRollbackAsync(string resourceKey, DateTimeOffset at, CancellationToken cancellationToken) =>
        dynamo.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = table,
                Key = Key($"rollbacks#{resourceKey}"),
                UpdateExpression = "ADD #times :t SET expiresAt = :e",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#times"] = "times" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":t"] = new() { NS = [at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)] },
                    [":e"] = N(at.AddDays(1).ToUnixTimeSeconds()),
                },
            },
            cancellationToken);

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
