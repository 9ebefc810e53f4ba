using BenchmarkDotNet.Running;
using Guardrail.Benchmarks;

if (args is ["--quick"])
{
    // One timed run per family with its verdict: a fast look before the full BenchmarkDotNet run.
    QuickRun.Run();
    return;
}

if (args is ["--print-lake-formation-path", var grants])
{
    // The benchmark's Lake Formation path as a snapshot, for guardrail check path.
    Console.Write(RealisticLakeFormation.Text(int.Parse(grants, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PolicyBenchmarks).Assembly).Run(args);
