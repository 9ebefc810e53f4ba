namespace Guardrail.Aws.State;

/// <summary>The ranges of the times the guardrail writes into its items; a time outside them is tampering.</summary>
public static class StateLimits
{
    /// <summary>Lambda's longest timeout: no invocation holds a claim or a lease longer.</summary>
    public static readonly TimeSpan LongestInvocation = TimeSpan.FromMinutes(15);

    /// <summary>Clock skew and the claim's grace period after a deadline.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    /// <summary>The furthest ahead of now that a lease or an in-progress claim may end.</summary>
    public static DateTimeOffset LatestLease(DateTimeOffset now) => now + LongestInvocation + Margin;

    /// <summary>The furthest ahead of now that a recorded event (a rollback, an alert) may be dated.</summary>
    public static DateTimeOffset LatestRecord(DateTimeOffset now) => now + Margin;
}
