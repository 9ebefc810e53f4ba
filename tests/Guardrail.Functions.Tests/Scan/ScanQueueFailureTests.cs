using Guardrail.Aws.Sqs;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Scan;
using Guardrail.Testing;

namespace Guardrail.Functions.Tests.Scan;

/// <summary>The coordinator never drops a path silently: refused entries are sent once more, then alerted and the scan fails.</summary>
[Collection(MotoCollection.Name)]
public sealed class ScanQueueFailureTests(MotoServer moto)
{
    [Fact]
    public async Task An_entry_refused_once_is_sent_again_and_the_scan_succeeds()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 2, paths: 12);
        var queue = new RefusingQueue(refusals: 1, path: "path#p011");
        var host = world.Host("drift-scan");

        await Sandbox.InvokeAsync(new DriftScanFunction(new FunctionHost(host.Config, host.Services with { ScanQueue = queue })).Handle, "{}");

        Assert.Equal(12, queue.Sent.Count);
        Assert.Equal(2, queue.Attempts["path#p011"]);
        Assert.DoesNotContain(await world.AlertsAsync(), a => a["Subject"]!.GetValue<string>().Contains("not queued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_refused_twice_is_alerted_as_could_not_judge_and_the_scan_fails()
    {
        using var world = await OrgScanWorld.CreateAsync(moto, accounts: 2, paths: 12);
        var queue = new RefusingQueue(refusals: 2, path: "path#p003");
        var host = world.Host("drift-scan");

        await Assert.ThrowsAsync<FunctionFailedException>(() => Sandbox.InvokeAsync(new DriftScanFunction(new FunctionHost(host.Config, host.Services with { ScanQueue = queue })).Handle, "{}"));

        Assert.Equal(11, queue.Sent.Count);
        Assert.Equal(2, queue.Attempts["path#p003"]);
        var alert = Assert.Single(await world.AlertsAsync(), a => a["Subject"]!.GetValue<string>().StartsWith("[COULD NOT JUDGE] drift scan", StringComparison.Ordinal));
        Assert.Contains("1 of 12 paths not queued", alert["Subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("p003", alert["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A queue that refuses the entry of <c>path</c> the first <c>refusals</c> times.</summary>
    private sealed class RefusingQueue(int refusals, string path) : IScanQueue
    {
        public List<string> Sent { get; } = [];

        public Dictionary<string, int> Attempts { get; } = [];

        public Task<IReadOnlyList<QueueEntryFailure>> SendAsync(IReadOnlyList<QueueEntry> entries, CancellationToken cancellationToken)
        {
            Assert.InRange(entries.Count, 1, IScanQueue.BatchSize);
            var failed = new List<QueueEntryFailure>();
            foreach (var entry in entries)
            {
                var key = ScanMessage.Parse(entry.Body).Path;
                Attempts[key] = Attempts.GetValueOrDefault(key) + 1;
                if (key == path && Attempts[key] <= refusals)
                {
                    failed.Add(new QueueEntryFailure(entry.Id, "InternalError", "refused by the test"));
                }
                else
                {
                    Sent.Add(key);
                }
            }

            return Task.FromResult<IReadOnlyList<QueueEntryFailure>>(failed);
        }
    }
}
