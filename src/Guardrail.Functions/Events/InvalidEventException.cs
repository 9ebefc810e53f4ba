namespace Guardrail.Functions.Events;

/// <summary>An input that is not an EventBridge CloudTrail event the functions can read; the message says why, in one line.</summary>
public sealed class InvalidEventException : Exception
{
    public InvalidEventException(string message)
        : base(message)
    {
    }

    public InvalidEventException()
    {
    }

    public InvalidEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The event's id when it was read before the problem was found (the rejection's correlation id), else null.</summary>
    public string? EventId { get; init; }
}
