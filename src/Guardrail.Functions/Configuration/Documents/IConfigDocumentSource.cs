namespace Guardrail.Functions.Configuration.Documents;

/// <summary>Reads the configuration document's current text (each call reads it anew).</summary>
public interface IConfigDocumentSource
{
    /// <summary>Where the document is, for messages and alerts (<c>s3://bucket/key</c>).</summary>
    string Location { get; }

    /// <summary>The document's text.</summary>
    /// <exception cref="ConfigDocumentUnreadableException">It could not be read (missing, denied, too large, not UTF-8).</exception>
    Task<string> ReadTextAsync(CancellationToken cancellationToken);
}

/// <summary>The configuration document could not be read; the message says why in one line.</summary>
public sealed class ConfigDocumentUnreadableException : Exception
{
    public ConfigDocumentUnreadableException(string message)
        : base(message)
    {
    }

    public ConfigDocumentUnreadableException()
    {
    }

    public ConfigDocumentUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
