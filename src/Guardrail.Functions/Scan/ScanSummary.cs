using Guardrail.Aws.State;
using Guardrail.Core.Findings;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Scan;

/// <summary>
/// Counts each path's result in the scan's tally (a worker's batch at once) and, in the worker whose count completes the scan, publishes the
/// scan's summary: one metric set (paths ok, at risk, breaking, not judged; duration) and, when any path is not ok,
/// one digest alert. A path is counted with its first result (a path that could not be judged counts as such, even
/// if a retry judges it later). The total and the start are the tally's, which the coordinator wrote (MAC'd), never
/// the message's. If publishing fails, the path's message fails too: its retry finds the count complete and the
/// summary not yet marked published, and publishes it.
/// </summary>
internal sealed class ScanSummary(GuardrailConfig config, GuardrailServices services)
{
    /// <summary>Counts the judged paths of one batch that belong to scan <paramref name="scanId"/>, and publishes the summary when they complete it.</summary>
    public async Task RecordAsync(string scanId, IReadOnlyList<(ScanMessage Message, InvocationResult Result)> judged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judged);
        if (services.ScanTally is not { } tally || judged.Count == 0)
        {
            return;
        }

        var step = await tally.RecordAsync(scanId, [.. judged.Select(j => (j.Message.Path, Classify(j.Result)))], cancellationToken).ConfigureAwait(false);
        if (step.Counts is not { } counts)
        {
            services.Log.Warn("the scan is not in the tally (not started by this guardrail, or expired): its paths are judged, but no summary counts them", ("scan", scanId), ("paths", judged.Count));
            return;
        }

        if (judged.FirstOrDefault(j => j.Message.Paths != counts.Total) is { Message: { } odd })
        {
            services.Log.Warn("a message's path count is not the scan's: the scan's is used", ("scan", scanId), ("message", odd.Paths), ("scanPaths", counts.Total));
        }

        // The worker whose count completes the scan publishes; a retry after that one failed to does too (and, if the
        // configuration changed during the scan so that more paths were counted than queued, the counts past the total).
        if (counts.Complete && !counts.Published)
        {
            await PublishAsync(scanId, counts, cancellationToken).ConfigureAwait(false);
            await tally.MarkPublishedAsync(scanId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a path's result counts as: its verdict, or could-not-judge. A path that reads but is weakened counts as at risk.</summary>
    public static ScanResult Classify(InvocationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome == Outcome.CouldNotJudge || result.Verdict is null ? ScanResult.CouldNotJudge
            : result.Verdict.Access == AccessVerdict.Breaks ? ScanResult.Breaks
            : result.Verdict.Access == AccessVerdict.AtRisk || result.Verdict.Security != SecurityVerdict.Ok ? ScanResult.AtRisk
            : ScanResult.Ok;
    }

    private async Task PublishAsync(string scanId, ScanCounts counts, CancellationToken cancellationToken)
    {
        var duration = services.Time.GetUtcNow() - counts.StartedAt;
        string? messageId = null;
        if (counts.Ok < counts.Total)
        {
            messageId = await services.Sns.PublishAsync(ScanAlerts.Digest(config.TopicArn!, scanId, counts, duration), cancellationToken).ConfigureAwait(false);
        }

        // After the digest: a failed publish is retried with the path's message, and the metrics come once with it.
        services.Metrics.Set(
        [
            ("ScanPathsOk", counts.Ok, "Count"),
            ("ScanPathsAtRisk", counts.AtRisk, "Count"),
            ("ScanPathsBreaks", counts.Breaks, "Count"),
            ("ScanPathsCouldNotJudge", counts.CouldNotJudge, "Count"),
            ("ScanDuration", Math.Max(0, duration.TotalSeconds), "Seconds"),
        ]);
        services.Log.Info("drift scan summary", ("scan", scanId), ("paths", counts.Total), ("ok", counts.Ok), ("atRisk", counts.AtRisk), ("breaks", counts.Breaks), ("couldNotJudge", counts.CouldNotJudge), ("durationSeconds", Math.Round(duration.TotalSeconds, 1)), ("messageId", messageId));
    }
}
