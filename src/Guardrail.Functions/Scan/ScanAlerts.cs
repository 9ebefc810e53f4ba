using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Aws.Sns;
using Guardrail.Aws.State;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Scan;

/// <summary>
/// The drift scan's own alerts: the digest of a scan with any path not ok (one per scan, beside each path's own
/// alert), and the could-not-judge alert of paths the scan could not queue. Every value from outside is escaped and
/// cut (<see cref="EmailLines"/>).
/// </summary>
internal static class ScanAlerts
{
    /// <summary>How many path names an alert lists; the rest are counted.</summary>
    public const int ListedPaths = 20;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SnsMessage Digest(string topicArn, string scanId, ScanCounts counts, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var notOk = counts.Total - counts.Ok;
        var severity = counts.Breaks > 0 || counts.CouldNotJudge > 0 ? "high" : "medium";
        var json = Json(w =>
        {
            w.WriteString("outcome", "scan-summary");
            w.WriteString("scan", scanId);
            w.WriteNumber("paths", counts.Total);
            w.WriteNumber("ok", counts.Ok);
            w.WriteNumber("atRisk", counts.AtRisk);
            w.WriteNumber("breaks", counts.Breaks);
            w.WriteNumber("couldNotJudge", counts.CouldNotJudge);
            w.WriteNumber("durationSeconds", Math.Round(duration.TotalSeconds, 1));
        });
        var email = new EmailLines()
            .Line($"The drift scan {EmailLines.Value(scanId)} found {notOk} of {counts.Total} Spectrum access paths not ok.")
            .Line()
            .Line($"Ok:              {counts.Ok}")
            .Line($"At risk:         {counts.AtRisk}")
            .Line($"Breaks:          {counts.Breaks}")
            .Line($"Could not judge: {counts.CouldNotJudge}")
            .Line($"Duration:        {duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s")
            .Line()
            .Line("Each path not ok has its own alert (unless the same state was alerted before); a path that could not be judged is retried, and the scan queue's dead-letter queue keeps one that never is (its alarm fires).");
        return new SnsMessage(
            topicArn,
            AlertComposer.Clean($"[DRIFT SCAN] {notOk} of {counts.Total} paths not ok (scan {scanId})"),
            json,
            email.ToString(),
            [
                new("verdict", "String", counts.Breaks > 0 ? "breaks" : counts.AtRisk > 0 ? "at-risk" : "unknown"),
                new("severity", "String", severity),
                new("resourceType", "String", "drift-scan"),
                new("rules", "String.Array", "[]"),
                new("outcome", "String", "scan-summary"),
            ]);
    }

    /// <summary>The could-not-judge alert for paths a scan could not queue (so no worker judges them in this scan).</summary>
    public static SnsMessage NotQueued(string topicArn, string scanId, IReadOnlyList<PathTarget> paths, int total, string error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var json = Json(w =>
        {
            w.WriteString("verdict", "unknown");
            w.WriteString("outcome", Outcome.CouldNotJudge.ToText());
            w.WriteString("scan", scanId);
            w.WriteNumber("paths", total);
            w.WriteNumber("notQueued", paths.Count);
            w.WriteStartArray("notQueuedPaths");
            foreach (var path in paths.Take(ListedPaths))
            {
                w.WriteStringValue(path.PathName);
            }

            w.WriteEndArray();
            w.WriteString("error", error);
        });
        var email = new EmailLines()
            .Line($"The drift scan {EmailLines.Value(scanId)} could not queue {paths.Count} of its {total} access paths: they are not judged by this scan.")
            .Line();
        foreach (var path in paths.Take(ListedPaths))
        {
            email.Line($"Path:          {EmailLines.Value(path.PathName)}");
        }

        if (paths.Count > ListedPaths)
        {
            email.Line($"... and {paths.Count - ListedPaths} more");
        }

        email.Line($"Error:         {EmailLines.Value(error)}")
            .Line()
            .Line("What the guardrail did: nothing was changed; the scan fails, so its schedule's retry scans again. Check the queue (sqs:SendMessageBatch) and the paths by hand (guardrail check path).");
        return new SnsMessage(
            topicArn,
            AlertComposer.Clean($"[COULD NOT JUDGE] drift scan {scanId}: {paths.Count} of {total} paths not queued"),
            json,
            email.ToString(),
            [
                new("verdict", "String", "unknown"),
                new("severity", "String", "high"),
                new("resourceType", "String", "drift-scan"),
                new("rules", "String.Array", "[]"),
                new("outcome", "String", Outcome.CouldNotJudge.ToText()),
            ]);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
