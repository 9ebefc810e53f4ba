namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads and validates a snapshot document (the schema is in the README, "Access path snapshot").</summary>
public static class SnapshotReader
{
    /// <summary>Parses <paramref name="text"/> into a <see cref="PathSnapshot"/>.</summary>
    /// <exception cref="SnapshotParseException">The text is not a valid snapshot; the message names the element.</exception>
    public static PathSnapshot Read(string text) => throw new NotImplementedException("helper A implements this");
}
