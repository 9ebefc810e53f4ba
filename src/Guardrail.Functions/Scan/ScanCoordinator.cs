using Guardrail.Aws.Calls;
using Guardrail.Aws.Sqs;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Scan;

/// <summary>
/// The drift scan with a queue (GUARDRAIL_SCAN_QUEUE_URL): starts the scan's tally and puts one message per configured
/// path on the queue, ten per <c>SendMessageBatch</c>, for the path-scan workers. Entries SQS does not accept are sent
/// once more; a path still not queued is never dropped silently: one could-not-judge alert names them, and the scan
/// fails (its schedule retries it).
/// </summary>
internal sealed class ScanCoordinator(GuardrailConfig config, GuardrailServices services, IScanQueue queue)
{
    public async Task<InvocationResult> EnqueueAsync(InvocationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var targets = PathTarget.From(config, services.Region);
        var startedAt = services.Time.GetUtcNow();
        var scanId = ScanMessage.NewScanId(startedAt);
        if (targets.Count == 0)
        {
            return new InvocationResult(Outcome.Ok, null, "no access path is configured: nothing queued", "drift-scan", scanId);
        }

        var unsent = new List<PathTarget>();
        var handled = 0;
        var errors = new List<string>();
        try
        {
            if (services.ScanTally is { } tally)
            {
                await tally.StartAsync(scanId, targets.Count, startedAt, deadline.Work).ConfigureAwait(false);
            }

            foreach (var chunk in targets.Chunk(IScanQueue.BatchSize))
            {
                if (deadline.WorkExpired)
                {
                    errors.Add("the invocation's deadline came before every path was queued");
                    break;
                }

                var entries = chunk.Select((t, i) => new QueueEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new ScanMessage(scanId, t.Key, startedAt, targets.Count).ToJson())).ToList();
                var failed = await SendAsync(entries, errors, deadline.Work).ConfigureAwait(false);
                unsent.AddRange(failed.Select(id => chunk[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)]));
                handled += chunk.Length;
            }
        }
        catch (Exception e) when (e is AwsCallException or Amazon.Runtime.AmazonServiceException or OperationCanceledException or HttpRequestException)
        {
            // The tally could not be started, or the deadline came: every path not yet queued is reported.
            errors.Add($"{e.GetType().Name}: {e.Message}");
        }

        // The paths of the batches never sent (deadline, failed tally start, or a failure mid-batch) are not queued either.
        unsent.AddRange(targets.Skip(handled));

        if (unsent.Count > 0)
        {
            var error = string.Join("; ", errors.Distinct(StringComparer.Ordinal).Take(3));
            await PublishNotQueuedAsync(scanId, unsent, targets.Count, error, deadline).ConfigureAwait(false);
            throw new FunctionFailedException($"drift scan {scanId}: {unsent.Count} of {targets.Count} paths could not be queued ({error})");
        }

        services.Log.Info("drift scan queued its paths", ("scan", scanId), ("paths", targets.Count));
        return new InvocationResult(Outcome.Ok, null, $"scan {scanId}: {targets.Count} paths queued for the path-scan workers", "drift-scan", scanId);
    }

    /// <summary>Sends a batch, and its failed entries once more; returns the ids still not sent.</summary>
    private async Task<IReadOnlyList<string>> SendAsync(List<QueueEntry> entries, List<string> errors, CancellationToken cancellationToken)
    {
        var pending = entries;
        for (var attempt = 0; attempt < 2 && pending.Count > 0; attempt++)
        {
            IReadOnlyList<QueueEntryFailure> failed;
            try
            {
                failed = await queue.SendAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e)
            {
                failed = [.. pending.Select(p => new QueueEntryFailure(p.Id, e.Code, e.Message))];
            }

            errors.AddRange(failed.Select(f => $"{f.Code}: {f.Message}"));
            var ids = failed.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            pending = [.. pending.Where(p => ids.Contains(p.Id))];
        }

        return [.. pending.Select(p => p.Id)];
    }

    private async Task PublishNotQueuedAsync(string scanId, List<PathTarget> unsent, int total, string error, InvocationDeadline deadline)
    {
        services.Metrics.Count("CouldNotJudge", unsent.Count);
        try
        {
            var messageId = await services.Sns.PublishAsync(ScanAlerts.NotQueued(config.TopicArn!, scanId, unsent, total, error), deadline.CleanUp).ConfigureAwait(false);
            services.Log.Error("drift scan: paths could not be queued; alert published", ("scan", scanId), ("notQueued", unsent.Count), ("paths", total), ("error", error), ("messageId", messageId));
        }
#pragma warning disable CA1031 // The scan fails after this either way; a failed alert is logged so the failure is never silent.
        catch (Exception e)
#pragma warning restore CA1031
        {
            services.Log.Error("drift scan: paths could not be queued, and the alert could not be published either", ("scan", scanId), ("notQueued", unsent.Count), ("error", error), ("publishError", e.Message));
        }
    }
}
