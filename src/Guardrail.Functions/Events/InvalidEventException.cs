namespace Guardrail.Functions.Events;

/// <summary>An input that is not an EventBridge CloudTrail event the functions can read; the message says why.</summary>
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
}
