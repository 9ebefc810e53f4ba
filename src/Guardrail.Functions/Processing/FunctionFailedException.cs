namespace Guardrail.Functions.Processing;

/// <summary>
/// The invocation failed after it reported why (a <c>could-not-judge</c> or <c>rollback-failed</c> alert was
/// published, or attempted): Lambda's retries and on-failure destination take over.
/// </summary>
public class FunctionFailedException : Exception
{
    public FunctionFailedException()
    {
    }

    public FunctionFailedException(string message)
        : base(message)
    {
    }

    public FunctionFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

}
