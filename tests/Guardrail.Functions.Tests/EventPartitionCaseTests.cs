using System.Text.Json.Nodes;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Tests;

/// <summary>
/// Runs tests/cases/events/partition-parse.json on <see cref="EventParser.Parse"/>: ARNs in events are read the same
/// in every partition, and must be in the partition of the event's Region.
/// </summary>
public sealed class EventPartitionCaseTests
{
    private const string File = "partition-parse.json";

    public static TheoryData<string> Names => [.. EventCase.Cases(File).Select(c => c!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case(string name)
    {
        var c = EventCase.Cases(File).Single(x => x!["name"]!.GetValue<string>() == name)!.AsObject();
        EventCase.AssertCites(c);
        var text = EventCase.Text(c);

        if (c["error"]?.GetValue<string>() is { } error)
        {
            var refused = Assert.Throws<InvalidEventException>(() => EventParser.Parse(text));
            Assert.Contains(error, refused.Message, StringComparison.Ordinal);
            return;
        }

        var parsed = EventParser.Parse(text);
        var expected = c["parsed"]!.AsObject();
        Assert.Equal(expected["partition"]!.GetValue<string>(), parsed.Partition);
        AssertField(expected, "bucket", parsed.BucketName);
        AssertField(expected, "role", parsed.RoleName);
        AssertField(expected, "actor", parsed.Actor.Arn);
        AssertField(expected, "issuer", parsed.Actor.IssuerArn);
        foreach (var (parameter, value) in expected["parameters"]?.AsObject() ?? [])
        {
            Assert.Equal(value!.GetValue<string>(), parsed.Parameters.GetValueOrDefault(parameter));
        }
    }

    private static void AssertField(JsonObject expected, string name, string? actual)
    {
        if (expected[name] is { } value)
        {
            Assert.Equal(value.GetValue<string>(), actual);
        }
    }
}
