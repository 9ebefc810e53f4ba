using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Corpus;

/// <summary>
/// The corpus of invalid snapshots (tests/cases/snapshots-malformed): each case is a snapshot (<c>snapshot</c>, an
/// object, or <c>snapshotText</c>, verbatim) that must be rejected with a message naming the element, given exactly
/// (<c>expect.error</c>) or by its start (<c>expect.errorPrefix</c>, for messages that quote System.Text.Json).
/// </summary>
public sealed class SnapshotMalformedTests
{
    public static TheoryData<string> Cases => CorpusCase.Ids("snapshots-malformed");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_snapshot_is_rejected_with_the_expected_message(string id)
    {
        var testCase = CorpusCase.ById(id);
        var expect = testCase.Json["expect"]!.AsObject();

        var error = Assert.Throws<SnapshotParseException>(() => SnapshotReader.Read(SnapshotText(testCase)));

        Assert.DoesNotContain('\n', error.Message);
        if (expect["error"] is { } exact)
        {
            Assert.True(exact.GetValue<string>() == error.Message, $"expected: {exact}\nactual:   {error.Message}");
        }
        else
        {
            var prefix = expect["errorPrefix"]!.GetValue<string>();
            Assert.True(error.Message.StartsWith(prefix, StringComparison.Ordinal), $"expected: {prefix}...\nactual:   {error.Message}");
        }
    }

    [Fact]
    public void Corpus_covers_every_section_and_names_are_unique()
    {
        var all = CorpusCase.Load("snapshots-malformed").ToList();
        Assert.True(all.Count >= 25, $"{all.Count} cases; the brief asks for at least 25");
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct().Count());
        var messages = all.Select(c => c.Json["expect"]!["error"]?.GetValue<string>() ?? c.Json["expect"]!["errorPrefix"]!.GetValue<string>()).ToList();
        foreach (var section in new[] { "spectrum.", "roles[", "buckets.", "keys", "catalogs", "organization.", "vpcEndpoints.", "accessPoints[" })
        {
            Assert.Contains(messages, m => m.StartsWith(section, StringComparison.Ordinal));
        }
    }

    internal static string SnapshotText(CorpusCase testCase) =>
        testCase.Json.TryGetPropertyValue("snapshotText", out var text) ? text!.GetValue<string>() : testCase.Json["snapshot"]!.ToJsonString();
}
