namespace Guardrail.Functions.Paths;

/// <summary>
/// A restore found, right before writing, that what it would write is not what was judged (a managed policy whose
/// default version changed since the known-good state): nothing is written, and the same would be true on every retry.
/// </summary>
public sealed class RestoreRefusedException : Exception
{
    public RestoreRefusedException()
    {
    }

    public RestoreRefusedException(string message)
        : base(message)
    {
    }

    public RestoreRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
