namespace Guardrail.Cli;

/// <summary>An input document with problems: each is printed as one line (<c>guardrail: WHAT: PROBLEM</c>), exit 2.</summary>
public sealed class DocumentProblemsException : Exception
{
    public DocumentProblemsException(string what, IReadOnlyList<string> problems)
        : base(what)
    {
        Problems = problems;
    }

    public DocumentProblemsException()
    {
        Problems = [];
    }

    public DocumentProblemsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<string> Problems { get; }
}
