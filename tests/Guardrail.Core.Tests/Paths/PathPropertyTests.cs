using CsCheck;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Tests.Properties;
using Guardrail.Testing.Paths;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// Properties of the whole-path judgement over generated worlds (<see cref="PathWorlds"/>): taking an allow away or
/// adding a deny never makes the path better, the path is never better than any hop it checked, and capping the
/// findings each hop reports changes what is reported, never what is decided.
/// </summary>
public sealed class PathPropertyTests
{
    private const int Cases = 400;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Gen<int> Seeds = Gen.Int[0, int.MaxValue];

    [Fact]
    public void Removing_an_allow_never_improves_the_path() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var world = PathWorlds.Generate(seed);
            var before = Judge(world);
            var after = Judge(PathWorlds.WithoutOneAllow(world, seed));
            if (after.Access < before.Access)
            {
                throw new HostileCases.Violation("removing an allow improved the path", $"{before.Access} -> {after.Access}; hops before: {Hops(before)}; after: {Hops(after)}");
            }
        });

    [Fact]
    public void Adding_a_deny_never_improves_the_path() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var world = PathWorlds.Generate(seed);
            var before = Judge(world);
            var after = Judge(PathWorlds.WithOneMoreDeny(world, seed));
            if (after.Access < before.Access)
            {
                throw new HostileCases.Violation("adding a deny improved the path", $"{before.Access} -> {after.Access}; hops before: {Hops(before)}; after: {Hops(after)}");
            }
        });

    [Fact]
    public void The_path_is_the_worst_checked_hop_and_never_better_than_any() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var verdict = Judge(PathWorlds.Generate(seed));
            var checkedHops = verdict.Hops.Where(h => h.Status != HopStatus.Unchecked).ToList();
            var worst = checkedHops.Count == 0 ? AccessVerdict.Ok : checkedHops.Max(h => ToAccess(h.Status));
            if (verdict.Access != worst)
            {
                throw new HostileCases.Violation("the path is not its worst checked hop", $"{verdict.Access} vs {Hops(verdict)}");
            }

            if (verdict.Hops.Select(h => h.Hop).SequenceEqual(Enum.GetValues<HopKind>()) is false)
            {
                throw new HostileCases.Violation("hops out of path order", Hops(verdict));
            }

            if (verdict.Hops.Any(h => h.Status != HopStatus.Ok && h.Findings.Count == 0))
            {
                throw new HostileCases.Violation("a hop that is not ok says nothing", Hops(verdict));
            }
        });

    [Fact]
    public void Judging_twice_gives_the_same_answer() =>
        HostileCases.Check(Seeds, Cases / 4, Show, seed =>
        {
            var world = PathWorlds.Generate(seed);
            var first = Judge(world);
            var second = Judge(world);
            if (Hops(first) != Hops(second) || first.Findings.Count() != second.Findings.Count())
            {
                throw new HostileCases.Violation("not deterministic", $"{Hops(first)} vs {Hops(second)}");
            }
        });

    [Fact]
    public void Capping_the_report_keeps_the_verdict_and_counts_what_it_leaves_out() =>
        HostileCases.Check(Seeds, Cases, Show, seed =>
        {
            var snapshot = SnapshotReader.Read(PathWorlds.Generate(seed).ToJsonString());
            var cap = seed % 3;
            var all = PathEvaluator.Evaluate(snapshot, Now, findingsPerHop: int.MaxValue);
            var capped = PathEvaluator.Evaluate(snapshot, Now, findingsPerHop: cap);
            if ((all.Access, all.Security, Hops(all), all.RequestsEvaluated) != (capped.Access, capped.Security, Hops(capped), capped.RequestsEvaluated))
            {
                throw new HostileCases.Violation("the cap changed the verdict", $"cap {cap}: {all.Access}/{all.Security} {Hops(all)} vs {capped.Access}/{capped.Security} {Hops(capped)}");
            }

            foreach (var (whole, cut) in all.Hops.Zip(capped.Hops))
            {
                var reported = cut.Findings.ToHashSet();
                if (cut.Findings.Count != Math.Min(cap, whole.Findings.Count) || cut.FindingsOmitted != whole.Findings.Count - cut.Findings.Count
                    || !reported.IsSubsetOf(whole.Findings))
                {
                    throw new HostileCases.Violation("the cap reported the wrong findings", $"cap {cap}, {whole.Hop.ToText()}: {whole.Findings.Count} findings, {cut.Findings.Count} reported, {cut.FindingsOmitted} left out");
                }
            }
        });

    private static PathVerdict Judge(System.Text.Json.Nodes.JsonObject world) => PathEvaluator.Evaluate(SnapshotReader.Read(world.ToJsonString()), Now);

    private static AccessVerdict ToAccess(HopStatus status) => status switch
    {
        HopStatus.Breaks => AccessVerdict.Breaks,
        HopStatus.AtRisk => AccessVerdict.AtRisk,
        _ => AccessVerdict.Ok,
    };

    private static string Hops(PathVerdict verdict) => string.Join(" ", verdict.Hops.Select(h => $"{h.Hop.ToText()}:{h.Status.ToText()}"));

    private static string Show(int seed) => $"seed {seed}: {PathWorlds.Generate(seed).ToJsonString()}";
}
