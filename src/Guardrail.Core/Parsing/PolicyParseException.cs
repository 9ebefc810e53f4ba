namespace Guardrail.Core.Parsing;

/// <summary>
/// A policy document that is not a valid policy. <see cref="Exception.Message"/> names the element
/// (<c>Statement[2].Effect: expected "Allow" or "Deny", got "Maybe"</c>) so people can fix it without a debugger.
/// </summary>
public sealed class PolicyParseException : Exception
{
    public PolicyParseException(string path, string detail)
        : base(string.IsNullOrEmpty(path) ? detail : $"{path}: {detail}")
    {
        Path = path;
        Detail = detail;
    }

    public PolicyParseException()
        : this(string.Empty, "invalid policy")
    {
    }

    public PolicyParseException(string message)
        : this(string.Empty, message)
    {
    }

    public PolicyParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Detail = message;
    }

    /// <summary>Where in the document the problem is, e.g. <c>Statement[0].Condition.StringEquals</c>; empty for the whole document.</summary>
    public string Path { get; }

    /// <summary>What is wrong there.</summary>
    public string Detail { get; }
}
