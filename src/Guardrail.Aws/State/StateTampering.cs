namespace Guardrail.Aws.State;

/// <summary>
/// A state-table item the guardrail did not write as it is: its MAC is missing or does not verify, or a time in it is
/// out of the range the guardrail ever writes (a lease beyond the longest invocation). Never obeyed; reported.
/// </summary>
/// <param name="ItemKey">The item's partition key, e.g. <c>knowngood#bucket#my-lake</c>.</param>
/// <param name="Problem">What is wrong with it, in words.</param>
public sealed record StateTampering(string ItemKey, string Problem)
{
    /// <summary>One line for alerts and logs: <c>ITEM: PROBLEM</c>.</summary>
    public override string ToString() => $"{ItemKey}: {Problem}";
}

/// <summary>
/// An item as read: its value when it verified (null when there is none or it did not verify) and, when it did not,
/// why. A tampered item's content is never returned: nothing in it can be trusted.
/// </summary>
public sealed record StateRead<T>(T? Value, StateTampering? Tampering)
    where T : class;

/// <summary>The three ways a <see cref="StateRead{T}"/> comes out.</summary>
public static class StateRead
{
    /// <summary>No such item.</summary>
    public static StateRead<T> Absent<T>()
        where T : class => new(null, null);

    /// <summary>An item that verified.</summary>
    public static StateRead<T> Of<T>(T value)
        where T : class => new(value, null);

    /// <summary>An item that did not.</summary>
    public static StateRead<T> Tampered<T>(StateTampering tampering)
        where T : class => new(null, tampering);
}
