using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Guardrail.Benchmarks.PolicyBenchmarks).Assembly).Run(args);
