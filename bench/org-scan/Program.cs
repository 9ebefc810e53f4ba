using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Guardrail.Aws.Calls;
using Guardrail.Functions;
using Guardrail.Functions.Tests.Scan;
using Guardrail.Testing;

// bench/org-scan: dotnet run -c Release --project bench/org-scan -- [--paths 200] [--accounts 50] [--concurrency 1,10]
var paths = Option("--paths", 200);
var accounts = Option("--accounts", 50);
var concurrencies = (Arg("--concurrency") ?? "1,10").Split(',').Select(int.Parse).ToList();

var moto = new MotoServer();
await moto.InitializeAsync();
try
{
    var watch = Stopwatch.StartNew();
    using var world = await OrgScanWorld.CreateAsync(moto, accounts, paths);
    Console.WriteLine($"world: {accounts} member accounts ({world.Consumers.Count} consumers, {world.Producers.Count} producers), {paths} paths, built in {watch.Elapsed.TotalSeconds:F0} s; load average {Load()}");

    // The single-path count: one path judged alone by a fresh worker (nothing cached), as the sweep did per path.
    await ResetStateAsync(world);
    var single = new AwsCallCounter();
    var one = world.Document([world.Paths[0]]);
    await Invoke(new DriftScanFunction(world.Host("drift-scan", document: one, log: TextWriter.Null)).Handle, "{}");
    using (var worker = new PathScanWorkerFunction(world.Host("path-scan-worker", single, one, log: TextWriter.Null)))
    {
        await DrainAsync(world, worker);
    }

    Console.WriteLine($"single path: {single.Total} AWS calls ({Calls(single)})");
    Console.WriteLine();
    Console.WriteLine("| workers | wall time (s) | coordinator (s) | reader calls | calls/path | SCP/RCP reads | SCP/RCP level lists | GC allocated/worker (MB) | peak working set (MB) | failed messages | summaries |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var concurrency in concurrencies)
    {
        await ResetStateAsync(world);
        await world.AlertsAsync();
        var log = new StringWriter();
        var shared = TextWriter.Synchronized(log);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.StartNew();
        await Invoke(new DriftScanFunction(world.Host("drift-scan", log: shared)).Handle, "{}");
        var queued = start.Elapsed;
        var counters = Enumerable.Range(0, concurrency).Select(_ => new AwsCallCounter()).ToList();
        var failures = await Task.WhenAll(counters.Select(counter => Task.Run(async () =>
        {
            using var worker = new PathScanWorkerFunction(world.Host("path-scan-worker", counter, log: shared));
            return await DrainAsync(world, worker);
        })));
        var wall = start.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var total = counters.Sum(c => c.Total);
        var org = counters.Sum(c => c.Counts.GetValueOrDefault("organizations:ListPoliciesForTarget") + c.Counts.GetValueOrDefault("organizations:DescribePolicy"));
        var levels = counters.Sum(c => c.Counts.GetValueOrDefault("organizations:ListPoliciesForTarget"));
        var summaries = log.ToString().Split('\n').Count(l => l.Contains("\"drift scan summary\"", StringComparison.Ordinal));
        Console.WriteLine($"| {concurrency} | {wall.TotalSeconds:F1} | {queued.TotalSeconds:F1} | {total} | {(double)total / paths:F1} | {org} | {levels} | {allocated / concurrency / 1048576.0:F0} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} | {failures.Sum()} | {summaries} |");
        foreach (var line in log.ToString().Split('\n').Where(l => l.Contains("\"drift scan summary\"", StringComparison.Ordinal) || l.Contains("could not be counted", StringComparison.Ordinal)).Take(3))
        {
            Console.WriteLine($"  {line}");
        }

        Console.WriteLine($"  calls by action: {Merged(counters)}");
        Console.WriteLine($"  load average after: {Load()}");
    }
}
finally
{
    await moto.DisposeAsync();
}

// Drains the queue as an event source mapping with batch size 10 would; returns how many messages were reported failed.
static async Task<int> DrainAsync(OrgScanWorld world, PathScanWorkerFunction worker)
{
    var failed = 0;
    while (await world.ReceiveBatchAsync() is { } batch)
    {
        var response = JsonNode.Parse(await Invoke(worker.Handle, batch.Event))!.AsObject();
        failed += response["batchItemFailures"]!.AsArray().Count;
        await world.DeleteSucceededAsync(batch.Messages, response);
    }

    return failed;
}

static async Task<string> Invoke(Func<Stream, Task<Stream>> handler, string input)
{
    using var stream = new MemoryStream(Encoding.UTF8.GetBytes(input));
    using var output = await handler(stream);
    using var reader = new StreamReader(output);
    return await reader.ReadToEndAsync();
}

// Each run starts from an empty state table: no known-good records or alert markers from the run before.
static async Task ResetStateAsync(OrgScanWorld world)
{
    await world.Dynamo.DeleteTableAsync(OrgScanWorld.Table);
    await world.Dynamo.CreateTableAsync(new CreateTableRequest
    {
        TableName = OrgScanWorld.Table,
        KeySchema = [new KeySchemaElement("pk", Amazon.DynamoDBv2.KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition("pk", Amazon.DynamoDBv2.ScalarAttributeType.S)],
        BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
    });
}

static string Calls(AwsCallCounter counter) => string.Join(", ", counter.Counts.Select(c => $"{c.Key}={c.Value}"));

static string Merged(IEnumerable<AwsCallCounter> counters) => string.Join(", ", counters.SelectMany(c => c.Counts).GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Sum(c => c.Value)}"));

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

int Option(string name, int fallback) => Arg(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
