namespace Guardrail.Functions.Runtime;

/// <summary>
/// The deadline Lambda gave the running invocation (<c>Lambda-Runtime-Deadline-Ms</c>), flowing to the handler the
/// loop calls. The handlers keep their <c>Task&lt;Stream&gt; Handle(Stream)</c> signature, so the deadline reaches
/// <see cref="FunctionHost.InvocationTimeout"/> this way; under the managed runtime (or <c>guardrail invoke</c>) there
/// is none and the configured timeout alone applies.
/// </summary>
public static class RuntimeDeadline
{
    /// <summary>Kept back from Lambda's deadline so the response can still be posted before it.</summary>
    public static readonly TimeSpan PostMargin = TimeSpan.FromMilliseconds(250);

    private static readonly AsyncLocal<DateTimeOffset?> Deadline = new();

    /// <summary>Lambda's deadline for the invocation running on this flow, if the runtime loop set one.</summary>
    public static DateTimeOffset? Current => Deadline.Value;

    /// <summary>Sets the deadline for the code run on this flow (and the tasks it starts) until it is set again.</summary>
    public static void Set(DateTimeOffset? deadline) => Deadline.Value = deadline;

    /// <summary>
    /// The time the invocation may take: the configured timeout, or less when Lambda's deadline, less
    /// <see cref="PostMargin"/>, comes earlier (never below zero).
    /// </summary>
    public static TimeSpan Bound(TimeSpan configured, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Current is not { } deadline)
        {
            return configured;
        }

        var remaining = deadline - time.GetUtcNow() - PostMargin;
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining < configured ? remaining : configured;
    }
}
