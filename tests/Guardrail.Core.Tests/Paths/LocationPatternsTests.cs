using Guardrail.Core.Families;
using Guardrail.Core.Paths.Locations;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// Telling table locations apart pays for itself from the work budget, and only for the patterns that can name the
/// bucket: a snapshot full of other buckets' patterns costs a bucket nothing, and a budget that cannot pay leaves the
/// locations apart (each judged on its own, and charged as such), never a guess.
/// </summary>
public sealed class LocationPatternsTests
{
    private static readonly string[] Prefixes = ["sales/a/", "sales/b/", "hr/c/"];

    [Fact]
    public void Patterns_of_other_buckets_cost_nothing()
    {
        var few = LocationPatterns.Of(Snapshot(otherBuckets: 0));
        var many = LocationPatterns.Of(Snapshot(otherBuckets: 5_000));
        var spentFew = Spent(few);
        var spentMany = Spent(many);

        Assert.Equal(spentFew, spentMany);
        Assert.Equal(2, few.ClassifyPrefixes("aws", "lake", Prefixes, new WorkBudget())!.Count);
    }

    [Fact]
    public void A_budget_that_cannot_pay_classifies_nothing()
    {
        var patterns = LocationPatterns.Of(Snapshot(otherBuckets: 10));
        var cost = Spent(patterns);

        Assert.Null(patterns.ClassifyPrefixes("aws", "lake", Prefixes, new WorkBudget(linearUnits: cost - 1)));
        Assert.NotNull(patterns.ClassifyPrefixes("aws", "lake", Prefixes, new WorkBudget(linearUnits: cost)));
    }

    [Fact]
    public void A_pattern_too_starry_to_read_keeps_every_location_apart()
    {
        var starry = "\"arn:aws:s3:::lake/" + string.Concat(Enumerable.Repeat("*a", 40)) + "\"";
        var patterns = LocationPatterns.Of(Snapshot(otherBuckets: 0, extra: starry));

        Assert.Equal(Prefixes.Length, patterns.ClassifyPrefixes("aws", "lake", Prefixes, new WorkBudget())!.Count);
    }

    private static long Spent(LocationPatterns patterns)
    {
        var budget = new WorkBudget();
        Assert.NotNull(patterns.ClassifyPrefixes("aws", "lake", Prefixes, budget));
        return WorkBudget.DefaultLinearUnits - budget.LinearRemaining;
    }

    private static PathSnapshot Snapshot(int otherBuckets, string? extra = null)
    {
        var resources = string.Join(", ", Enumerable.Range(0, otherBuckets).Select(i => $"\"arn:aws:s3:::other-{i}/data/*\"").Append("\"arn:aws:s3:::lake/sales/*\"").Concat(extra is null ? [] : [extra]));
        var role = "arn:aws:iam::111122223333:role/spectrum";
        var policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": [" + resources + "]}]}";
        return SnapshotReader.Read(
            "{\"spectrum\": {\"roleChain\": [\"" + role + "\"], \"tables\": [{\"bucket\": \"lake\", \"prefix\": \"sales/a/\"}]}, "
            + "\"roles\": {\"" + role + "\": {\"inlinePolicies\": {\"read\": " + policy + "}}}}");
    }
}
