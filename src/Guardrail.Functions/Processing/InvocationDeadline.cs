namespace Guardrail.Functions.Processing;

/// <summary>
/// An invocation's time limits, from the function's timeout: the work stops a margin before the deadline (so the
/// invocation can still give its claim back and report), and a claim stays in progress until a little after it (so a
/// retry after a kill can take it over, while concurrent duplicates cannot).
/// </summary>
public sealed class InvocationDeadline : IDisposable
{
    /// <summary>How long past the deadline a claim stays in progress: Lambda's retries come a minute or more later.</summary>
    public static readonly TimeSpan ClaimGrace = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource work;
    private readonly CancellationTokenSource hard;

    public InvocationDeadline(TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Start = time.GetUtcNow();
        Deadline = Start + timeout;
        Margin = TimeSpan.FromSeconds(Math.Clamp(timeout.TotalSeconds / 10, 1, 5));
        // A deadline shorter than the margin (Lambda's own deadline nearly reached) stops the work at once.
        work = new CancellationTokenSource(timeout > Margin ? timeout - Margin : TimeSpan.Zero, time);
        hard = new CancellationTokenSource(timeout, time);
    }

    public DateTimeOffset Start { get; }

    /// <summary>When the runtime stops the invocation.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>The time kept back at the end for clean-up and reporting.</summary>
    public TimeSpan Margin { get; }

    /// <summary>Until when this invocation's claim is in progress.</summary>
    public DateTimeOffset ClaimExpiry => Deadline + ClaimGrace;

    /// <summary>Cancelled a margin before the deadline: every AWS call of the judging and acting gets it.</summary>
    public CancellationToken Work => work.Token;

    /// <summary>Cancelled at the deadline: for the clean-up and reports made after the work stopped.</summary>
    public CancellationToken CleanUp => hard.Token;

    /// <summary>Whether the work was stopped by the deadline (rather than by a failure).</summary>
    public bool WorkExpired => work.IsCancellationRequested;

    public void Dispose()
    {
        work.Dispose();
        hard.Dispose();
    }
}
