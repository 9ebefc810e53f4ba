using BenchmarkDotNet.Running;
using Guardrail.Benchmarks;

if (args is ["--quick"])
{
    // One timed run per family with its verdict: a fast look before the full BenchmarkDotNet run.
    QuickRun.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PolicyBenchmarks).Assembly).Run(args);
