using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Benchmarks;

/// <summary>
/// A whole access path (<see cref="RealisticPath"/>: ten 6 KB managed policies, a 20 KB bucket policy, a key
/// policy, three SCP levels, an RCP level, two tables): reading the snapshot, judging an already read snapshot, and
/// both, against System.Text.Json reading the same text (the floor). Issue 9's goal: the verdict within 5× the parse.
/// </summary>
[MemoryDiagnoser]
public class PathBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private string text = string.Empty;
    private PathSnapshot snapshot = null!;
    private string governedText = string.Empty;
    private PathSnapshot governed = null!;

    [GlobalSetup]
    public void Setup()
    {
        text = RealisticPath.Text();
        snapshot = SnapshotReader.Read(text);
        governedText = RealisticLakeFormation.Text(500);
        governed = SnapshotReader.Read(governedText);
    }

    [Benchmark(Baseline = true)]
    public int JsonOnly()
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("roles").EnumerateObject().Count();
    }

    [Benchmark]
    public int Parse() => SnapshotReader.Read(text).Roles.Count;

    [Benchmark]
    public AccessVerdict Verdict() => PathEvaluator.Evaluate(snapshot, Now).Access;

    [Benchmark]
    public int ParseLakeFormation() => SnapshotReader.Read(governedText).Roles.Count;

    /// <summary>The path governed by Lake Formation with 500 grants (<see cref="RealisticLakeFormation"/>): issue 15's goal is this within 2× its parse.</summary>
    [Benchmark]
    public AccessVerdict VerdictLakeFormation() => PathEvaluator.Evaluate(governed, Now).Access;

    [Benchmark]
    public AccessVerdict ParseAndVerdict() => PathEvaluator.Evaluate(SnapshotReader.Read(text), Now).Access;
}
