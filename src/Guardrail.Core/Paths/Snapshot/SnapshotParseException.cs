namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// A snapshot that is not valid. <see cref="Exception.Message"/> names the element by its JSON path, down into an
/// embedded policy (<c>roles["arn:aws:iam::111122223333:role/spectrum"].inlinePolicies.s3: Statement[0].Effect: ...</c>),
/// with echoed values escaped and cut.
/// </summary>
public sealed class SnapshotParseException : Exception
{
    public SnapshotParseException(string path, string detail)
        : base(string.IsNullOrEmpty(path) ? detail : $"{path}: {detail}")
    {
        Path = path;
        Detail = detail;
    }

    public SnapshotParseException()
        : this(string.Empty, "invalid snapshot")
    {
    }

    public SnapshotParseException(string message)
        : this(string.Empty, message)
    {
    }

    public SnapshotParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Detail = message;
    }

    /// <summary>The JSON path of the element, e.g. <c>buckets.lake.encryption.algorithm</c>; empty for the whole document.</summary>
    public string Path { get; }

    /// <summary>What is wrong there.</summary>
    public string Detail { get; }
}
