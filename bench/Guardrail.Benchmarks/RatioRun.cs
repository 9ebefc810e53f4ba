using System.Globalization;
using System.Text.Json;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Parsing;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Spectrum;
using Guardrail.Testing;

namespace Guardrail.Benchmarks;

/// <summary>
/// <c>--ratios [ROUNDS]</c>: the ratios bench/README.md and the README quote, each from paired in-process runs
/// (<see cref="PairedRatio"/>): the 20 KB policy's parse, and its parse + full verdict, against
/// <c>JsonDocument.Parse</c> of the same text; the realistic path's read against <c>JsonDocument.Parse</c>, and its
/// verdict against its read (issue 9's goal: within 5×).
/// </summary>
internal static class RatioRun
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static void Run(int rounds)
    {
        Console.WriteLine($"paired in-process ratios, {rounds} rounds; start: {MachineLoad.Now()}");
        var policy = File.ReadAllText(Path.Combine(RepoRoot.Path, "bench", "data", "large-bucket-policy.json"));
        var options = new BucketCheckOptions(
            "datalake",
            [RoleArn.Parse("arn:aws:iam::123456789012:role/redshift")],
            null,
            ClusterKind.Provisioned,
            [],
            ["sales/0/"],
            "o-abcdef1234",
            Now);
        // The 20 KB pairs come first, so that their cold first calls are the first use of the parser and evaluator.
        var json = new PairedRatio.Side("JsonDocument.Parse", () => JsonOnly(policy));
        Print(PairedRatio.Measure("20 KB policy: parse", json, new("PolicyParser.Parse", () => PolicyParser.Parse(policy, PolicyKind.Bucket)), rounds));
        Print(PairedRatio.Measure(
            "20 KB policy: parse + verdict",
            json,
            new("parse + BucketPolicyEvaluator", () => BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(policy, PolicyKind.Bucket), options)),
            rounds));
        var path = RealisticPath.Text();
        var snapshot = SnapshotReader.Read(path);
        var pathRead = new PairedRatio.Side("SnapshotReader.Read", () => SnapshotReader.Read(path));
        Print(PairedRatio.Measure("realistic path: read", new("JsonDocument.Parse", () => JsonOnly(path)), pathRead, rounds));
        Print(PairedRatio.Measure("realistic path: verdict / read", pathRead, new("PathEvaluator.Evaluate", () => PathEvaluator.Evaluate(snapshot, Now)), rounds));
        Console.WriteLine($"end: {MachineLoad.Now()}");
    }

    /// <summary>Prints one pair's figures.</summary>
    public static void Print(PairedRatio.Result r)
    {
        Console.WriteLine($"== {r.Name}: {r.Subject} / {r.Baseline}");
        Console.WriteLine($"   ratio {r.Ratio.Describe("F2")}x over {r.Ratio.Count} rounds");
        Console.WriteLine($"   {r.Baseline,-30} warm {Us(r.BaselineMs)}, cold first call {r.ColdBaselineMs.ToString("F2", CultureInfo.InvariantCulture)} ms, {Kb(r.BaselineBytes)} allocated");
        Console.WriteLine($"   {r.Subject,-30} warm {Us(r.SubjectMs)}, cold first call {r.ColdSubjectMs.ToString("F2", CultureInfo.InvariantCulture)} ms, {Kb(r.SubjectBytes)} allocated");
        Console.WriteLine($"   (warm-up {r.WarmupMs / 1000:F1} s, {(r.WarmupStable ? "stable" : "not stable within the limit")}; {MachineLoad.Now()})");
    }

    private static string Us(Stats ms) => $"{(ms with { Median = ms.Median * 1000, Min = ms.Min * 1000, Max = ms.Max * 1000, Q1 = ms.Q1 * 1000, Q3 = ms.Q3 * 1000 }).Describe("F1")} µs";

    private static string Kb(double bytes) => $"{bytes / 1024:F1} KB";

    private static int JsonOnly(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetPropertyCount();
    }
}
