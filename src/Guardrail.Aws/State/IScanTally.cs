namespace Guardrail.Aws.State;

/// <summary>
/// The drift scan's tally: how many of a scan's paths are judged, by result, so that the worker that judges the last
/// one publishes the scan's summary once. One item per scan (<c>scan#ID</c>: the total, the start and the counts) and
/// one per path judged (<c>scanpath#ID#PATH</c>: counted once, however often SQS delivers the path), both MAC'd and
/// kept two days.
/// </summary>
public interface IScanTally
{
    /// <summary>Starts a scan of <paramref name="total"/> paths (before its messages are sent).</summary>
    Task StartAsync(string scanId, int total, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the first result of each of <paramref name="results"/>' paths in the scan, atomically with their items
    /// (one transaction for the batch: far fewer races between workers than one per path); returns the counts after
    /// it (<see cref="TallyStep.Counted"/> false when every path was counted before), or null counts when the scan is
    /// unknown (not started by this guardrail, or expired).
    /// </summary>
    /// <exception cref="StateTamperedException">The scan's or a path's item does not verify.</exception>
    Task<TallyStep> RecordAsync(string scanId, IReadOnlyList<(string PathKey, ScanResult Result)> results, CancellationToken cancellationToken);

    /// <summary>Marks the scan's summary published (so that a retry of its last path does not publish it again).</summary>
    Task MarkPublishedAsync(string scanId, CancellationToken cancellationToken);
}

/// <summary>What a path of a scan came out as.</summary>
public enum ScanResult
{
    Ok,
    AtRisk,
    Breaks,
    CouldNotJudge,
}

/// <summary>A scan's counts: its paths, how many are judged, by result, when it started, and whether its summary is out.</summary>
public sealed record ScanCounts(int Total, int Ok, int AtRisk, int Breaks, int CouldNotJudge, DateTimeOffset StartedAt, bool Published)
{
    /// <summary>How many paths are counted.</summary>
    public int Done => Ok + AtRisk + Breaks + CouldNotJudge;

    /// <summary>Whether every path is counted.</summary>
    public bool Complete => Done >= Total;

    /// <summary>The counts with one more <paramref name="result"/>.</summary>
    public ScanCounts With(ScanResult result) => result switch
    {
        ScanResult.Ok => this with { Ok = Ok + 1 },
        ScanResult.AtRisk => this with { AtRisk = AtRisk + 1 },
        ScanResult.Breaks => this with { Breaks = Breaks + 1 },
        _ => this with { CouldNotJudge = CouldNotJudge + 1 },
    };
}

/// <summary>The outcome of counting paths: whether this call counted any, and the scan's counts after (null: unknown scan).</summary>
public sealed record TallyStep(bool Counted, ScanCounts? Counts);
