using BenchmarkDotNet.Attributes;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Spectrum;
using Guardrail.Testing.Adversarial;

namespace Guardrail.Benchmarks;

/// <summary>
/// Parse + full verdict for each adversarial family of issue 7, next to a normal 20 KB policy (the baseline).
/// Goals: every family within 3× the baseline except the megabyte document (≤ 100 ms, ≤ 64 MB allocated) and
/// 1,000 statements × 100 table locations (≤ 1 s).
/// </summary>
[MemoryDiagnoser]
public class AdversarialBenchmarks
{
    private AdversarialPolicies.Case subject = null!;

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "normal-20kb";

    public static IEnumerable<string> Families => ["normal-20kb", .. AdversarialPolicies.Names];

    [GlobalSetup]
    public void Setup() =>
        subject = Family == "normal-20kb" ? AdversarialPolicies.Normal() : AdversarialPolicies.Build(Family);

    [Benchmark]
    public AccessVerdict ParseAndVerdict() =>
        BucketPolicyEvaluator.Evaluate(PolicyParser.Parse(subject.Policy, PolicyKind.Bucket), subject.Options).Access;
}
