using BenchmarkDotNet.Attributes;
using Guardrail.Core.Parsing;

namespace Guardrail.Benchmarks;

/// <summary>
/// Parsing documents built to be slow: one operator with tens of thousands of condition keys (the duplicate-key
/// check was quadratic: 70,000 keys in 899 KB took 11.5 s). <c>JsonOnly</c> is the floor for the same bytes.
/// </summary>
[MemoryDiagnoser]
public class ParseLimitBenchmarks
{
    private string text = string.Empty;

    [Params(1_000, 70_000)]
    public int Keys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var keys = string.Join(",", Enumerable.Range(0, Keys).Select(i => $"\"k{i}\":\"v\""));
        text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"," +
            "\"Resource\":\"arn:aws:s3:::datalake/*\",\"Condition\":{\"StringEquals\":{" + keys + "}}}]}";
    }

    [Benchmark(Baseline = true)]
    public int JsonOnly()
    {
        using var document = System.Text.Json.JsonDocument.Parse(text);
        return document.RootElement.GetProperty("Statement").GetArrayLength();
    }

    [Benchmark]
    public int ParseManyKeys() => PolicyParser.Parse(text, PolicyKind.Bucket).Statements[0].Conditions.Count;
}
