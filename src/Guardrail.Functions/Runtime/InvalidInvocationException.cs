namespace Guardrail.Functions.Runtime;

/// <summary>
/// A next invocation that has a request id but cannot be run (deadline header missing or not a number, event larger
/// than Lambda's limit): it is answered with an invocation error of <see cref="ErrorType"/>.
/// </summary>
public sealed class InvalidInvocationException : Exception
{
    public const string ErrorType = "Runtime.InvalidInvocation";

    /// <summary>The invocation to answer with the error.</summary>
    public string? RequestId { get; init; }

    public InvalidInvocationException()
    {
    }

    public InvalidInvocationException(string message)
        : base(message)
    {
    }

    public InvalidInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
