using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Guardrail.Aws.State;

/// <summary>
/// Reading and sealing the state table's MAC'd items (<see cref="ItemDigest"/>, <see cref="IStateSealer"/>), for the
/// stores that keep their own items: an item read is returned with why it does not verify, if it does not.
/// </summary>
internal sealed class SealedItems(IAmazonDynamoDB dynamo, string table, IStateSealer sealer)
{
    public IAmazonDynamoDB Dynamo => dynamo;

    public string Table => table;

    /// <summary>Reads an item and verifies its MAC: (item, null) when it verifies, (item, why) when not, (null, null) when absent.</summary>
    public async Task<(Dictionary<string, AttributeValue>? Item, StateTampering? Tampering)> ReadAsync(string pk, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(pk), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return (null, null);
        }

        if (!item.TryGetValue(ItemDigest.MacAttribute, out var mac) || mac.S is not { Length: > 0 } macText)
        {
            return (item, new StateTampering(pk, "has no MAC: it was not written by this version of the guardrail"));
        }

        return await sealer.VerifyAsync(ItemDigest.Of(item), macText, cancellationToken).ConfigureAwait(false)
            ? (item, null)
            : (item, new StateTampering(pk, "its MAC does not verify: it was changed by someone other than the guardrail"));
    }

    /// <summary>Adds the item's MAC (replacing any).</summary>
    public async Task<Dictionary<string, AttributeValue>> SealAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        item.Remove(ItemDigest.MacAttribute);
        item[ItemDigest.MacAttribute] = S(await sealer.SealAsync(ItemDigest.Of(item), cancellationToken).ConfigureAwait(false));
        return item;
    }

    public static Dictionary<string, AttributeValue> Key(string pk) => new() { ["pk"] = S(pk) };

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
