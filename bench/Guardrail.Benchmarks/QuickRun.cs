using System.Diagnostics;
using Guardrail.Core.Parsing;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;
using Guardrail.Testing.Adversarial;
using Guardrail.Testing.Paths;

namespace Guardrail.Benchmarks;

/// <summary>
/// Judges every adversarial family, and the realistic whole path, a few times and prints the median time,
/// allocations and verdict.
/// </summary>
internal static class QuickRun
{
    public static void Run()
    {
        var cases = new[] { AdversarialPolicies.Normal() }.Concat(AdversarialPolicies.Names.Select(AdversarialPolicies.Build));
        Console.WriteLine($"{"family",-34} {"bytes",9} {"parse ms",9} {"median ms",10} {"alloc MB",9}  verdict (findings)");
        foreach (var subject in cases)
        {
            // The family's time is parse and verdict together, as the CLI pays it.
            Measure(
                subject.Name,
                subject.Policy.Length,
                () => PolicyParser.Parse(subject.Policy, PolicyKind.Bucket),
                _ => BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(subject.Policy, PolicyKind.Bucket), subject.Options),
                result => $"{result.Access} ({string.Join(",", result.Findings.Select(f => f.Rule).Distinct())})");
        }

        // The whole path's time is the verdict alone, on the snapshot already read: issue 9's goal is this within 5x the parse.
        var text = RealisticPath.Text();
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var (parse, verdict) = Measure(
            "realistic path",
            text.Length,
            () => SnapshotReader.Read(text),
            snapshot => PathEvaluator.Evaluate(snapshot, now),
            result => $"{result.Access} ({string.Join(" ", result.Hops.Select(h => $"{h.Hop.ToText()}:{h.Status.ToText()}"))})");
        Console.WriteLine($"realistic path: verdict / parse {verdict / parse:F1}x");

        // The same path governed by Lake Formation, with 500 grants: issue 15's goal is the verdict within 2x the parse.
        var governed = RealisticLakeFormation.Text(500);
        var (lfParse, lfVerdict) = Measure(
            "realistic path + Lake Formation (500)",
            governed.Length,
            () => SnapshotReader.Read(governed),
            snapshot => PathEvaluator.Evaluate(snapshot, now),
            result => $"{result.Access} ({string.Join(" ", result.Hops.Select(h => $"{h.Hop.ToText()}:{h.Status.ToText()}"))})");
        Console.WriteLine($"realistic path + Lake Formation: verdict / parse {lfVerdict / lfParse:F1}x");

        // A hostile path: 20,000 conditional denies, each a finding of the identity hop; the report keeps 100.
        var denies = DenyHeavySnapshot.Json(20_000);
        Measure(
            "deny-heavy path (20,000 denies)",
            denies.Length,
            () => SnapshotReader.Read(denies),
            snapshot => PathEvaluator.Evaluate(snapshot, now),
            result => $"{result.Access} ({result.Findings.Count()} findings reported, {result.FindingsOmitted} left out)");
    }

    private static (double Parse, double Judge) Measure<TParsed, TResult>(string name, int length, Func<TParsed> parse, Func<TParsed, TResult> judge, Func<TResult, string> describe)
    {
        var parses = new List<double>();
        var times = new List<double>();
        long allocated = 0;
        var verdict = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var parsed = parse();
            parses.Add(clock.Elapsed.TotalMilliseconds);
            var before = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            var result = judge(parsed);
            times.Add(clock.Elapsed.TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            verdict = describe(result);
        }

        times.Sort();
        parses.Sort();
        Console.WriteLine($"{name,-34} {length,9} {parses[2],9:F1} {times[2],10:F1} {allocated / 1048576.0,9:F1}  {verdict}");
        return (parses[2], times[2]);
    }
}
