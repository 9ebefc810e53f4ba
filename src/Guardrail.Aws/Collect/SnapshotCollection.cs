using System.Text.Json.Nodes;

namespace Guardrail.Aws.Collect;

/// <summary>
/// What a collection produced: the snapshot (the schema of <c>guardrail check path</c>), and beside it, never inside
/// it, what was left out and why. A section that could not be read is absent from the snapshot (its hop is then
/// <c>unchecked</c>) and listed in <see cref="Failures"/>; nothing is guessed.
/// </summary>
/// <param name="Snapshot">The snapshot document.</param>
/// <param name="Notes">Known gaps that are not failures (Organizations not in use or not readable from this account...), each said once.</param>
/// <param name="Failures">The reads that failed, one per call and resource.</param>
/// <param name="Calls">The AWS requests the readers have made, by call (<c>iam:GetRole</c>): this collection's with a factory made for it, as one per invocation is.</param>
public sealed record SnapshotCollection(JsonObject Snapshot, IReadOnlyList<string> Notes, IReadOnlyList<ReadFailure> Failures, IReadOnlyDictionary<string, int> Calls)
{
    /// <summary>Whether every section asked for was read.</summary>
    public bool IsComplete => Failures.Count == 0;
}

/// <summary>One read that failed.</summary>
/// <param name="Call">The call, <c>service:Operation</c>.</param>
/// <param name="Resource">What it read (a role or policy ARN, a bucket, a key, an account).</param>
/// <param name="Code">AWS's error code.</param>
/// <param name="Detail">AWS's message.</param>
/// <param name="Permission">The IAM permission the call needs, when AWS refused it for want of one.</param>
public sealed record ReadFailure(string Call, string Resource, string Code, string Detail, string? Permission)
{
    /// <summary>One line for people: <c>GetKeyPolicy on KEY: AccessDenied — needs kms:GetKeyPolicy</c>.</summary>
    public string Line
    {
        get
        {
            var operation = Call[(Call.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return Permission is null
                ? $"{operation} on {Resource}: {Code}: {Detail}"
                : $"{operation} on {Resource}: {Code} — needs {Permission}";
        }
    }
}
