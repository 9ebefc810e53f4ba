using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Guardrail.Functions.Tests;

/// <summary>
/// The state table as an attacker with <c>dynamodb:PutItem</c> on it (PowerUserAccess is enough) and no use of the
/// MAC key sees it: items are read and written directly, the guardrail's own hash recomputed where one is kept.
/// </summary>
internal sealed class StateTableTamperer(AmazonDynamoDBClient dynamo, string table)
{
    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["pk"] = new AttributeValue { S = pk } }, ConsistentRead = true });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Changes some attributes of an item, keeping everything else (its MAC too).</summary>
    public async Task ChangeAsync(string pk, params (string Name, AttributeValue Value)[] changes)
    {
        var item = await GetAsync(pk) ?? new Dictionary<string, AttributeValue> { ["pk"] = new() { S = pk } };
        foreach (var (name, value) in changes)
        {
            item[name] = value;
        }

        await dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item });
    }

    /// <summary>Writes an item from scratch (no MAC).</summary>
    public Task PutAsync(Dictionary<string, AttributeValue> item) => dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item });

    /// <summary>Replaces a known-good record's document with <paramref name="planted"/> and its hash with <paramref name="hash"/>, keeping its MAC.</summary>
    public Task PlantKnownGoodAsync(string resourceKey, string planted, string hash) =>
        ChangeAsync($"knowngood#{resourceKey}", ("policy", new AttributeValue { S = planted }), ("hash", new AttributeValue { S = hash }));

    /// <summary>A rollback lease that never ends (epoch milliseconds 99999999999999).</summary>
    public Task PlantEndlessLeaseAsync(string resourceKey) =>
        ChangeAsync($"rollbacks#{resourceKey}", ("leaseUntil", new AttributeValue { N = "99999999999999" }));

    /// <summary>A rollback history of <paramref name="count"/> recent rollbacks, enough to open the circuit breaker.</summary>
    public Task PlantHistoryAsync(string resourceKey, DateTimeOffset now, int count) =>
        ChangeAsync($"rollbacks#{resourceKey}", ("times", new AttributeValue { NS = [.. Enumerable.Range(1, count).Select(i => now.AddMinutes(-i).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))] }));

    /// <summary>The drift scan's memory that it already alerted on <paramref name="hash"/>.</summary>
    public Task PlantAlertedAsync(string resourceKey, string hash) =>
        PutAsync(new() { ["pk"] = new() { S = $"alerted#{resourceKey}" }, ["hash"] = new() { S = hash } });
}
