using CsCheck;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Tests.Properties;
using Guardrail.Testing.Paths;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// Judging one table location per class (locations no pattern on the path tells apart) gives exactly what judging
/// every location on its own gives: the verdict, each hop's status, and each hop's rules. Over generated worlds
/// with overlapping prefixes, NotResource, <c>s3:prefix</c> and encryption-context conditions and wildcards at
/// every position (<see cref="LocationWorlds"/>).
/// </summary>
public sealed class LocationClassPropertyTests
{
    private const int Cases = 1500;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    [Fact]
    public void Classes_judge_exactly_as_every_location_on_its_own() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var snapshot = SnapshotReader.Read(LocationWorlds.Generate(seed).ToJsonString());
            var shared = PathEvaluator.Evaluate(snapshot, Now, budget: null, int.MaxValue, knownGood: null, shareLocations: true);
            var each = PathEvaluator.Evaluate(snapshot, Now, budget: null, int.MaxValue, knownGood: null, shareLocations: false);
            if (Summary(shared) != Summary(each))
            {
                throw new HostileCases.Violation("classes judged differently from each location", $"classes: {Summary(shared)}\neach:    {Summary(each)}");
            }

            if (shared.Locations.Tables != each.Locations.Tables || shared.Locations.Classes > each.Locations.Classes)
            {
                throw new HostileCases.Violation("the classes do not stand for every location", $"{shared.Locations} vs {each.Locations}");
            }
        });

    [Fact]
    public void The_generated_worlds_do_share_work_and_do_tell_locations_apart()
    {
        // Not vacuous: across the worlds some locations are merged and some are kept apart.
        var counts = Enumerable.Range(0, 200)
            .Select(seed => PathEvaluator.Evaluate(SnapshotReader.Read(LocationWorlds.Generate(seed).ToJsonString()), Now).Locations)
            .ToList();
        Assert.Contains(counts, c => c.Classes < c.Tables);
        Assert.Contains(counts, c => c.Classes > 1);
    }

    private static string Summary(PathVerdict verdict) =>
        $"{verdict.Access}/{verdict.Security} " + string.Join(" ", verdict.Hops.Select(h =>
            $"{h.Hop.ToText()}:{h.Status.ToText()}[{string.Join(",", h.Findings.Select(f => f.Finding.Rule).Distinct().Order(StringComparer.Ordinal))}]"));

    private static string Show(int seed) => $"seed {seed}: {LocationWorlds.Generate(seed).ToJsonString()}";
}
