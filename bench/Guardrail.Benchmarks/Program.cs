using BenchmarkDotNet.Running;
using Guardrail.Benchmarks;

if (args is ["--quick"])
{
    // One timed run per family with its verdict: a fast look before the full BenchmarkDotNet run.
    QuickRun.Run();
    return;
}

if (args is ["--ratios", ..] && args.Length <= 2)
{
    // Paired in-process ratios with their spread (bench/README.md says what each means).
    RatioRun.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}

if (args is ["--path-targets", ..] && args.Length <= 2)
{
    // The path targets: verdict, budget, requests evaluated, time and memory of each.
    PathTargetRun.Run(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    return;
}

if (args is ["--print-path-target", var target, var size])
{
    // One path target as a snapshot (a, b or c of --path-targets, with SIZE tables, buckets or prefixes), for guardrail check path.
    var count = int.Parse(size, System.Globalization.CultureInfo.InvariantCulture);
    Console.Write(target switch { "a" => PathTargets.ManyTables(count), "b" => PathTargets.ManyBuckets(count), _ => PathTargets.ManyPrefixes(count) });
    return;
}

if (args is ["--print-lake-formation-path", var grants])
{
    // The benchmark's Lake Formation path as a snapshot, for guardrail check path.
    Console.Write(RealisticLakeFormation.Text(int.Parse(grants, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PolicyBenchmarks).Assembly).Run(args);
