using Guardrail.Core.Findings;
using Guardrail.Core.Text;
using Guardrail.Functions.Paths;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Scan;

namespace Guardrail.Functions;

/// <summary>
/// Lambda handler for the drift scan's path workers (<c>Guardrail.Functions::Guardrail.Functions.PathScanWorkerFunction::Handle</c>):
/// the input is an SQS event of the scan queue, the output the partial batch response. Each message names one path
/// of the function's own configuration, judged as the sweep judges it (<see cref="DriftScanner.ScanPathAsync"/>).
/// A path that could not be judged is alerted (could-not-judge) and its message reported failed, so SQS delivers it
/// again and finally the dead-letter queue keeps it; a message that names no path is logged and dropped (it is not a
/// path, so a retry cannot make it one). When the invocation's work time is over, the records not yet started are
/// reported failed.
/// </summary>
public sealed class PathScanWorkerFunction : IDisposable
{
    /// <summary>How many characters of a bad message body the log shows (escaped, on one line).</summary>
    public const int LoggedBodyLength = 200;

    private readonly FunctionHost host;
    private readonly ScanReads? reads;

    public PathScanWorkerFunction()
        : this(FunctionHost.FromEnvironment("path-scan-worker"))
    {
    }

    public PathScanWorkerFunction(FunctionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        this.host = host;
        reads = host.Services.PathReaders is { } makeSession ? new ScanReads(() => makeSession(host.Config.MemberRoleName), host.Services.Time) : null;
    }

    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var deadline = host.StartDeadline();
        await host.RefreshConfigAsync(deadline).ConfigureAwait(false);
        using var reader = new StreamReader(input);
        var records = SqsBatch.Parse(await reader.ReadToEndAsync(deadline.Work).ConfigureAwait(false));
        var log = host.Services.Log;
        log.BeginInvocation(null);
        if (reads is null)
        {
            throw new InvalidOperationException("the path-scan worker has no path readers");
        }

        var targets = PathTarget.From(host.Config, host.Services.Region).ToDictionary(t => t.Key, StringComparer.Ordinal);
        var scanner = new DriftScanner(host.Config, host.Services);
        var summary = new ScanSummary(host.Config, host.Services);
        var failed = new List<string>();
        var judged = new List<(SqsRecord Record, ScanMessage Message, InvocationResult Result)>();
        foreach (var record in records)
        {
            if (deadline.WorkExpired)
            {
                failed.Add(record.MessageId);
                continue;
            }

            if (await JudgeAsync(record, targets, scanner, deadline).ConfigureAwait(false) is { } result)
            {
                judged.Add((record, result.Message, result.Result));
                if (result.Result.Outcome == Outcome.CouldNotJudge)
                {
                    failed.Add(record.MessageId);
                }
            }
        }

        // Counted once per batch and scan (one transaction), in the time kept back for reporting.
        var batches = judged.GroupBy(j => j.Message.Scan, StringComparer.Ordinal)
            .SelectMany(scan => scan.Chunk(Guardrail.Aws.State.DynamoDbScanTally.MaxBatch).Select(chunk => (Scan: scan.Key, Paths: chunk)));
        foreach (var (scan, paths) in batches)
        {
            try
            {
                await summary.RecordAsync(scan, [.. paths.Select(j => (j.Message, j.Result))], deadline.CleanUp).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The paths are judged; a failed count is retried with their messages (judging again is harmless), and logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.Error("the paths' results could not be counted in the scan's summary: their messages are retried", ("scan", scan), ("paths", paths.Length), ("error", e.GetType().Name), ("message", e.Message));
                failed.AddRange(paths.Select(j => j.Record.MessageId).Where(id => !failed.Contains(id)));
            }
        }

        if (failed.Count > 0)
        {
            log.Warn("path-scan messages to retry", ("failed", failed.Count), ("records", records.Count), ("deadline", deadline.WorkExpired));
        }

        return SqsBatch.Response(failed);
    }

    public void Dispose() => reads?.Dispose();

    /// <summary>Judges one message's path; null when the message names none (it is dropped).</summary>
    private async Task<(ScanMessage Message, InvocationResult Result)?> JudgeAsync(SqsRecord record, Dictionary<string, PathTarget> targets, DriftScanner scanner, InvocationDeadline deadline)
    {
        var log = host.Services.Log;
        ScanMessage message;
        try
        {
            message = ScanMessage.Parse(record.Body ?? throw new FormatException("the record has no body"));
        }
        catch (FormatException e)
        {
            log.Error("a scan message is malformed: dropped, not retried (it names no path, so a retry cannot judge one)", ("messageId", record.MessageId), ("problem", e.Message), ("body", SafeText.Escape(record.Body ?? string.Empty, LoggedBodyLength)));
            return null;
        }

        if (!targets.TryGetValue(message.Path, out var target))
        {
            log.Warn("a scan message names no configured path (the configuration changed since the scan, or the message is forged): dropped", ("messageId", record.MessageId), ("scan", message.Scan), ("path", SafeText.Escape(message.Path, LoggedBodyLength)));
            return null;
        }

        var (cache, session) = reads!.For(message.Scan);
        var result = await scanner.ScanPathAsync(target, session, cache, deadline).ConfigureAwait(false);

        // The buckets and roles this path names first are judged with it (the coordinator queues only paths). One that
        // cannot be judged has alerted; the message is then retried, like a path that could not be judged.
        var resourcesJudged = true;
        var resources = host.Config.Document is { } document ? DocumentResources.NamedFirstBy(document, target.PathName, host.Services.Time) : [];
        foreach (var kind in resources)
        {
            var resource = await scanner.ScanResourceAsync(kind, session, deadline).ConfigureAwait(false);
            resourcesJudged &= resource.Outcome != Outcome.CouldNotJudge;
            log.Info("resource scanned", ("messageId", record.MessageId), ("scan", message.Scan), ("resource", kind.Key), ("outcome", resource.Outcome.ToText()));
        }

        reads.AfterPath(result.Outcome != Outcome.CouldNotJudge && resourcesJudged);
        if (!resourcesJudged && result.Outcome != Outcome.CouldNotJudge)
        {
            result = result with { Outcome = Outcome.CouldNotJudge, Reason = "the path is judged, but a bucket or role it names could not be (alerted): retried" };
        }

        log.Info("path scanned", ("messageId", record.MessageId), ("scan", message.Scan), ("path", target.PathName), ("outcome", result.Outcome.ToText()), ("verdict", result.Verdict?.Access.ToText()));
        return (message, result);
    }
}
