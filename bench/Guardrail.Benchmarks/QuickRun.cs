using System.Diagnostics;
using Guardrail.Core.Parsing;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;
using Guardrail.Testing.Adversarial;

namespace Guardrail.Benchmarks;

/// <summary>Judges every adversarial family a few times and prints the median time, allocations and verdict.</summary>
internal static class QuickRun
{
    public static void Run()
    {
        var cases = new[] { AdversarialPolicies.Normal() }.Concat(AdversarialPolicies.Names.Select(AdversarialPolicies.Build));
        Console.WriteLine($"{"family",-34} {"bytes",9} {"parse ms",9} {"median ms",10} {"alloc MB",9}  verdict (findings)");
        foreach (var subject in cases)
        {
            var times = new List<double>();
            var parses = new List<double>();
            long allocated = 0;
            string verdict = string.Empty;
            for (var i = 0; i < 5; i++)
            {
                var parseClock = Stopwatch.StartNew();
                PolicyParser.Parse(subject.Policy, PolicyKind.Bucket);
                parses.Add(parseClock.Elapsed.TotalMilliseconds);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                var result = BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(subject.Policy, PolicyKind.Bucket), subject.Options);
                times.Add(clock.Elapsed.TotalMilliseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                verdict = $"{result.Access} ({string.Join(",", result.Findings.Select(f => f.Rule).Distinct())})";
            }

            times.Sort();
            parses.Sort();
            Console.WriteLine($"{subject.Name,-34} {subject.Policy.Length,9} {parses[2],9:F1} {times[2],10:F1} {allocated / 1048576.0,9:F1}  {verdict}");
        }

        JudgePath();
    }

    // The realistic whole path: the snapshot read, then judged, timed apart.
    private static void JudgePath()
    {
        var text = RealisticPath.Text();
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var parses = new List<double>();
        var times = new List<double>();
        long allocated = 0;
        var verdict = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            var parseClock = Stopwatch.StartNew();
            var snapshot = SnapshotReader.Read(text);
            parses.Add(parseClock.Elapsed.TotalMilliseconds);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var result = PathEvaluator.Evaluate(snapshot, now);
            times.Add(clock.Elapsed.TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            verdict = $"{result.Access} ({string.Join(" ", result.Hops.Select(h => $"{h.Hop.ToText()}:{h.Status.ToText()}"))})";
        }

        times.Sort();
        parses.Sort();
        Console.WriteLine($"{"realistic path",-34} {text.Length,9} {parses[2],9:F1} {times[2],10:F1} {allocated / 1048576.0,9:F1}  {verdict}; verdict/parse {times[2] / parses[2]:F1}x");
    }
}
