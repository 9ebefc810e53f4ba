using BenchmarkDotNet.Attributes;
using Guardrail.Aws;
using Guardrail.Aws.Accounts;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Collect;
using Guardrail.Aws.Tests;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;
using Guardrail.Testing;

namespace Guardrail.Collector.Bench;

/// <summary>
/// One collection of the realistic path, as one invocation makes it: a new factory (new clients, no cache), 40 AWS
/// requests to moto_server on the loopback. moto answers in Python, so this is an upper bound of the guardrail's
/// own cost and a lower bound of AWS's latency.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class CollectionBenchmark
{
    private readonly MotoServer moto = new();
    private LiveWorld? world;

    private static SnapshotRequest Request => new(
        [RoleArn.Parse(LiveWorld.EntryRole), RoleArn.Parse(LiveWorld.ReaderRole)],
        [new TableTarget(LiveWorld.Lake, "sales/", LiveWorld.Account, "sales", "orders"), new TableTarget(LiveWorld.RawBucket, "events/")],
        new ClusterTarget(ClusterKind.Provisioned, LiveWorld.Cluster),
        "us-east-1");

    [GlobalSetup]
    public void Setup()
    {
        moto.InitializeAsync().GetAwaiter().GetResult();
        world = LiveWorld.CreateAsync(moto).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        world?.Dispose();
        moto.DisposeAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public int FullCollection()
    {
        using var factory = new AccountClientFactory(new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null), "us-east-1", null, new AwsCallCounter());
        var collection = new SnapshotCollector(factory).CollectAsync(Request, CancellationToken.None).GetAwaiter().GetResult();
        return collection.IsComplete ? factory.Counter.Total : throw new InvalidOperationException(string.Join("; ", collection.Failures.Select(f => f.Line)));
    }
}
