namespace Guardrail.Functions.Paths;

/// <summary>Some of the path could not be read: it is not judged on part of its documents (a judgement needs all of them).</summary>
public sealed class PathReadException : Exception
{
    public PathReadException(IReadOnlyList<string> failures)
        : base($"could not read the whole path: {string.Join("; ", failures)}")
    {
        Failures = failures;
    }

    public PathReadException()
        : this([])
    {
    }

    public PathReadException(string message)
        : this([message])
    {
    }

    public PathReadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [message];
    }

    /// <summary>One line per failed read, naming the call and the permission it needs.</summary>
    public IReadOnlyList<string> Failures { get; } = [];
}
