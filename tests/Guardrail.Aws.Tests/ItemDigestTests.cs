using Amazon.DynamoDBv2.Model;
using Guardrail.Aws.State;

namespace Guardrail.Aws.Tests;

/// <summary>What a state item's MAC covers: every attribute but the MAC, the key included, with no two items alike.</summary>
public sealed class ItemDigestTests
{
    private static Dictionary<string, AttributeValue> Item() => new()
    {
        ["pk"] = new() { S = "knowngood#bucket#lake" },
        ["policy"] = new() { S = "{\"Version\":\"2012-10-17\"}" },
        ["times"] = new() { NS = ["2", "1"] },
        ["attributes"] = new() { L = [new AttributeValue { M = new() { ["n"] = new() { S = "verdict" } } }] },
        ["expiresAt"] = new() { N = "1800000000" },
    };

    [Fact]
    public void The_digest_ignores_the_mac_and_the_order_of_names_and_number_sets()
    {
        var item = Item();
        var reordered = new Dictionary<string, AttributeValue>(item.Reverse()) { ["times"] = new() { NS = ["1", "2"] }, [ItemDigest.MacAttribute] = new() { S = "anything" } };

        Assert.Equal(ItemDigest.Of(item), ItemDigest.Of(reordered));
    }

    public static TheoryData<string> Changes() => ["pk", "policy", "times", "attributes", "expiresAt", "added", "removed", "split"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_of_an_attribute_or_the_key_changes_the_digest(string change)
    {
        var item = Item();
        switch (change)
        {
            case "added":
                item["leaseUntil"] = new() { N = "1" };
                break;
            case "removed":
                item.Remove("expiresAt");
                break;
            case "split":
                // Moving characters between two values must not keep the encoding: values are length-prefixed.
                item["pk"] = new() { S = "knowngood#bucket#lak" };
                item["policy"] = new() { S = "e{\"Version\":\"2012-10-17\"}" };
                break;
            case "times":
                item["times"] = new() { NS = ["2", "3"] };
                break;
            case "attributes":
                item["attributes"] = new() { L = [new AttributeValue { M = new() { ["n"] = new() { S = "severity" } } }] };
                break;
            case "expiresAt":
                item["expiresAt"] = new() { N = "1800000001" };
                break;
            default:
                item[change] = new() { S = item[change].S + "x" };
                break;
        }

        Assert.NotEqual(ItemDigest.Of(Item()), ItemDigest.Of(item));
    }

    [Fact]
    public void A_string_and_a_number_with_the_same_text_differ()
    {
        var asString = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "x" }, ["v"] = new() { S = "1" } };
        var asNumber = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "x" }, ["v"] = new() { N = "1" } };

        Assert.NotEqual(ItemDigest.Of(asString), ItemDigest.Of(asNumber));
    }
}
