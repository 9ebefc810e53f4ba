using BenchmarkDotNet.Running;
using Guardrail.Collector.Bench;

if (args is ["--once"])
{
    // One collection with its call count: a quick look (and a check that moto_server is on PATH) before the full run.
    var benchmark = new CollectionBenchmark();
    benchmark.Setup();
    try
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var calls = benchmark.FullCollection();
        Console.WriteLine($"one collection: {calls} AWS calls in {watch.Elapsed.TotalMilliseconds:F0} ms (first, cold)");
        watch.Restart();
        benchmark.FullCollection();
        Console.WriteLine($"again: {watch.Elapsed.TotalMilliseconds:F0} ms (warm)");
    }
    finally
    {
        benchmark.Cleanup();
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CollectionBenchmark).Assembly).Run(args);
