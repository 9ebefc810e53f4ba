using System.Diagnostics;
using System.Globalization;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Benchmarks;

/// <summary>
/// <c>--path-targets [RUNS]</c>: each <see cref="PathTargets"/> scenario read once, judged once cold, warmed up
/// (<see cref="PairedRatio.WarmUp"/>), then judged <c>RUNS</c> more times: its verdict, whether an
/// <c>evaluation-budget</c> finding cut the work short, the requests evaluated, the verdict's median time with its
/// spread, and the bytes one verdict allocates.
/// </summary>
internal static class PathTargetRun
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static void Run(int runs)
    {
        Console.WriteLine($"path targets, {runs} warm runs each; start: {MachineLoad.Now()}");
        foreach (var target in PathTargets.All())
        {
            var read = Stopwatch.StartNew();
            var snapshot = SnapshotReader.Read(target.Snapshot);
            var readMs = read.Elapsed.TotalMilliseconds;
            var cold = Stopwatch.StartNew();
            var verdict = PathEvaluator.Evaluate(snapshot, Now);
            var coldMs = cold.Elapsed.TotalMilliseconds;
            var (warmupMs, stable) = PairedRatio.WarmUp(() => PathEvaluator.Evaluate(snapshot, Now));
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                GC.Collect();
                var clock = Stopwatch.StartNew();
                verdict = PathEvaluator.Evaluate(snapshot, Now);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var bytes = PairedRatio.Allocated(() => PathEvaluator.Evaluate(snapshot, Now));
            var budget = verdict.Findings.Any(f => f.Finding.Rule == RuleIds.EvaluationBudget);
            var tables = snapshot.Spectrum.Tables.Count;
            Console.WriteLine($"== {target.Name}");
            Console.WriteLine($"   snapshot {target.Snapshot.Length / 1024.0:N0} KB, {tables:N0} tables, read in {readMs:F0} ms (first read)");
            Console.WriteLine($"   verdict {verdict.Access.ToText()} (security {verdict.Security.ToText()}); evaluation-budget: {(budget ? "yes" : "no")}; requestsEvaluated {verdict.RequestsEvaluated.ToString("N0", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"   hops: {string.Join(" ", verdict.Hops.Select(h => $"{h.Hop.ToText()}:{h.Status.ToText()}"))}");
            Console.WriteLine($"   verdict time {Stats.Of(times).Describe("F1")} ms over {runs} warm runs; cold first verdict {coldMs:F1} ms; {bytes / 1048576:F1} MB allocated per verdict");
            Console.WriteLine($"   (warm-up {warmupMs / 1000:F1} s, {(stable ? "stable" : "not stable within the limit")}; {MachineLoad.Now()})");
        }
    }
}
