namespace Guardrail.Functions.Configuration;

/// <summary>The configuration is unusable; the message lists every problem at once.</summary>
public sealed class GuardrailConfigException : Exception
{
    public GuardrailConfigException(IReadOnlyList<string> problems)
        : base("invalid configuration: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public GuardrailConfigException()
        : this(["unknown problem"])
    {
    }

    public GuardrailConfigException(string message)
        : this([message])
    {
    }

    public GuardrailConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
