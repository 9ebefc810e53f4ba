namespace Guardrail.Functions.Runtime;

/// <summary>
/// The Runtime API answered something the runtime cannot work with (an unexpected status, a next invocation without
/// a request id): the bootstrap logs it and exits non-zero, so Lambda restarts the execution environment.
/// </summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
