using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;

namespace Guardrail.Benchmarks;

/// <summary>
/// Parse only vs parse + full Spectrum verdict, for the seed's example bucket policy and a 20 KB, 98-statement
/// policy with conditions. <c>JsonOnly</c> is the floor: System.Text.Json reading the same bytes, nothing else.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private string text = string.Empty;
    private BucketCheckOptions options = null!;

    [Params("seed", "large-20kb")]
    public string Policy { get; set; } = "seed";

    [GlobalSetup]
    public void Setup()
    {
        var root = Guardrail.Testing.RepoRoot.Path;
        var (file, bucket) = Policy == "seed"
            ? (Path.Combine(root, "examples", "bucket-policies", "seed-spectrum-only.json"), "amzn-s3-demo-bucket")
            : (Path.Combine(root, "bench", "data", "large-bucket-policy.json"), "datalake");
        text = File.ReadAllText(file);
        options = new BucketCheckOptions(
            bucket,
            [RoleArn.Parse("arn:aws:iam::123456789012:role/redshift")],
            null,
            ClusterKind.Provisioned,
            [],
            ["sales/0/"],
            "o-abcdef1234",
            new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
    }

    [Benchmark(Baseline = true)]
    public int JsonOnly()
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("Statement").GetArrayLength();
    }

    [Benchmark]
    public int Parse() => PolicyParser.Parse(text, PolicyKind.Bucket).Statements.Count;

    [Benchmark]
    public AccessVerdict ParseAndVerdict() => BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(text, PolicyKind.Bucket), options).Access;
}
