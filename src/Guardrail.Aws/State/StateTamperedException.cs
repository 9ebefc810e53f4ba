namespace Guardrail.Aws.State;

/// <summary>
/// An item someone other than the guardrail keeps rewriting while the guardrail tries to replace it: the operation
/// cannot be done safely. It fails the step, so the change is reported (could-not-judge, naming the item) and retried.
/// </summary>
public sealed class StateTamperedException : Exception
{
    public StateTamperedException(StateTampering tampering)
        : base($"state-tampered: {tampering}")
    {
        Tampering = tampering;
    }

    public StateTamperedException()
    {
    }

    public StateTamperedException(string message)
        : base(message)
    {
    }

    public StateTamperedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateTampering? Tampering { get; }
}
