using System.Text.Json.Nodes;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Tests;

/// <summary>An event's digest (half of its claim key) follows its content, never its layout.</summary>
public sealed class EventDigestTests
{
    private static string File(string name) => System.IO.File.ReadAllText(Path.Combine(Paths.Root, "events", name + ".json"));

    [Fact]
    public void The_same_event_laid_out_again_has_the_same_digest()
    {
        var delivered = File("bucket-put-vpce-lockout");
        var reserialized = JsonNode.Parse(delivered)!.ToJsonString();
        var reordered = new JsonObject(JsonNode.Parse(delivered)!.AsObject().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();

        Assert.Equal(EventParser.Parse(delivered).Digest, EventParser.Parse(reserialized).Digest);
        Assert.Equal(EventParser.Parse(delivered).Digest, EventParser.Parse(reordered).Digest);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("region")]
    [InlineData("actor")]
    [InlineData("recipient")]
    public void A_copy_with_any_field_changed_has_another_digest(string field)
    {
        var delivered = File("bucket-put-vpce-lockout");
        var forged = Sandbox.Event("bucket-put-vpce-lockout", e =>
        {
            switch (field)
            {
                case "account":
                    e["account"] = "999999999999";
                    break;
                case "region":
                    e["region"] = "eu-west-1";
                    break;
                case "actor":
                    e["detail"]!["userIdentity"]!["arn"] = "arn:aws:sts::123456789012:assumed-role/BreakGlass/x";
                    break;
                default:
                    e["detail"]!["recipientAccountId"] = "999999999999";
                    break;
            }
        });

        Assert.Equal(EventParser.Parse(delivered).EventId, EventParser.Parse(forged).EventId);
        Assert.NotEqual(EventParser.Parse(delivered).Digest, EventParser.Parse(forged).Digest);
    }
}
