namespace Guardrail.Changes;

/// <summary>An input that is not valid for its format: the message is one line naming the element (and its line).</summary>
public sealed class ChangeInputException : Exception
{
    public ChangeInputException(string message)
        : base(message)
    {
    }

    public ChangeInputException()
        : this("invalid input")
    {
    }

    public ChangeInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
