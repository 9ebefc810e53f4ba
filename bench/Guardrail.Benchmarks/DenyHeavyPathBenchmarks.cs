using BenchmarkDotNet.Attributes;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Testing.Paths;

namespace Guardrail.Benchmarks;

/// <summary>
/// A hostile path: one role policy of 20,000 conditional denies (<see cref="DenyHeavySnapshot"/>, the snapshot of
/// bench/paths/deny-heavy-snapshot.py), each a finding of the identity hop. Judged with the default report (100
/// findings a hop, the rest counted) and with every finding reported, which is what the cap saves: the goal of
/// <c>check path</c> on it is 2.5 s and 300 MB for the whole process, and at most 1 MB of JSON.
/// </summary>
[MemoryDiagnoser]
public class DenyHeavyPathBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private PathSnapshot snapshot = null!;

    [Params(20_000)]
    public int Denies { get; set; }

    [GlobalSetup]
    public void Setup() => snapshot = SnapshotReader.Read(DenyHeavySnapshot.Json(Denies));

    [Benchmark(Baseline = true)]
    public AccessVerdict Capped() => PathEvaluator.Evaluate(snapshot, Now).Access;

    [Benchmark]
    public int EveryFindingReported() => PathEvaluator.Evaluate(snapshot, Now, findingsPerHop: int.MaxValue).Findings.Sum(f => f.Finding.Message.Length);
}
