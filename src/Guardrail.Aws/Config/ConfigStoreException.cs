namespace Guardrail.Aws.Config;

/// <summary>A configuration document could not be read; the message says which call failed and why, in one line.</summary>
public sealed class ConfigStoreException : Exception
{
    public ConfigStoreException(string message)
        : base(message)
    {
    }

    public ConfigStoreException()
    {
    }

    public ConfigStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
