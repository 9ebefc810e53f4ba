using System.Diagnostics;

namespace Guardrail.Benchmarks;

/// <summary>
/// Times two pieces of work against each other in one process, the way the figures in bench/README.md are made:
/// the cold first call of each, alone; then both warmed up together until tiered (alternating windows of about
/// <see cref="WindowMs"/> ms each until every side's time per call has changed by less than <see cref="Stable"/>
/// between windows twice running, at least <see cref="MinWarmupMs"/> ms and at most <see cref="MaxWarmupMs"/>);
/// then <c>rounds</c> rounds, each timing a batch of the baseline and a batch of the subject (about
/// <see cref="BatchMs"/> ms each, a full collection before each batch, the order swapped every round). The result is
/// the median of the per-round ratios with their spread, so load that comes and goes on a shared machine shows as
/// spread rather than as a wrong ratio.
/// </summary>
internal static class PairedRatio
{
    public const double WindowMs = 200;
    public const double Stable = 0.03;
    public const double MinWarmupMs = 2_000;
    public const double MaxWarmupMs = 10_000;
    public const double BatchMs = 40;

    public static Result Measure(string name, Side baseline, Side subject, int rounds)
    {
        var coldBaseline = Cold(baseline.Work);
        var coldSubject = Cold(subject.Work);
        var (warmupMs, stable) = WarmUp(baseline.Work, subject.Work);

        var baselineCalls = CallsPerBatch(baseline.Work);
        var subjectCalls = CallsPerBatch(subject.Work);
        var ratios = new List<double>();
        var baselineTimes = new List<double>();
        var subjectTimes = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            double b, s;
            if (round % 2 == 0)
            {
                b = Batch(baseline.Work, baselineCalls);
                s = Batch(subject.Work, subjectCalls);
            }
            else
            {
                s = Batch(subject.Work, subjectCalls);
                b = Batch(baseline.Work, baselineCalls);
            }

            baselineTimes.Add(b);
            subjectTimes.Add(s);
            ratios.Add(s / b);
        }

        return new Result(
            name,
            baseline.Name,
            subject.Name,
            coldBaseline,
            coldSubject,
            warmupMs,
            stable,
            Stats.Of(baselineTimes),
            Stats.Of(subjectTimes),
            Stats.Of(ratios),
            Allocated(baseline.Work),
            Allocated(subject.Work));
    }

    /// <summary>Milliseconds of one call, the first of this work in this process (code it shares with work run before is already compiled).</summary>
    public static double Cold(Func<object?> work)
    {
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(work());
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Runs the sides in alternating windows until each one's time per call is stable; returns the milliseconds it
    /// took and whether they became stable (under heavy load they may not within <see cref="MaxWarmupMs"/>; by then
    /// every method has long been tiered up, which takes about 30 calls and a 100 ms quiet period).
    /// </summary>
    public static (double Ms, bool Stable) WarmUp(params Func<object?>[] sides)
    {
        var clock = Stopwatch.StartNew();
        var last = new double[sides.Length];
        var steady = new int[sides.Length];
        while (clock.Elapsed.TotalMilliseconds < MaxWarmupMs)
        {
            for (var i = 0; i < sides.Length; i++)
            {
                var perCall = Window(sides[i]);
                steady[i] = last[i] > 0 && Math.Abs(perCall - last[i]) / last[i] < Stable ? steady[i] + 1 : 0;
                last[i] = perCall;
            }

            if (clock.Elapsed.TotalMilliseconds >= MinWarmupMs && steady.All(s => s >= 2))
            {
                return (clock.Elapsed.TotalMilliseconds, true);
            }
        }

        return (clock.Elapsed.TotalMilliseconds, false);
    }

    /// <summary>Bytes allocated by one call (on any thread), averaged over a few.</summary>
    public static double Allocated(Func<object?> work)
    {
        const int Calls = 5;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Calls; i++)
        {
            GC.KeepAlive(work());
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
    }

    // Milliseconds per call over a window of about WindowMs.
    private static double Window(Func<object?> work)
    {
        var calls = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            GC.KeepAlive(work());
            calls++;
        }
        while (clock.Elapsed.TotalMilliseconds < WindowMs);
        return clock.Elapsed.TotalMilliseconds / calls;
    }

    private static int CallsPerBatch(Func<object?> work) => Math.Max(1, (int)(BatchMs / Window(work)));

    // Milliseconds per call over a batch of calls, after a full collection (so one side's garbage is not collected
    // in the other's time).
    private static double Batch(Func<object?> work, int calls)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            GC.KeepAlive(work());
        }

        return clock.Elapsed.TotalMilliseconds / calls;
    }

    /// <summary>One side of a pair: a name and the work of one call.</summary>
    public sealed record Side(string Name, Func<object?> Work);

    /// <summary>A pair's figures: times in milliseconds, allocations in bytes per call; the ratio is subject / baseline.</summary>
    public sealed record Result(
        string Name,
        string Baseline,
        string Subject,
        double ColdBaselineMs,
        double ColdSubjectMs,
        double WarmupMs,
        bool WarmupStable,
        Stats BaselineMs,
        Stats SubjectMs,
        Stats Ratio,
        double BaselineBytes,
        double SubjectBytes);
}
