namespace Guardrail.Aws.Collect;

/// <summary>
/// The answers of reads made at one moment, shared by several collections (the paths one event concerns, or the paths
/// one drift-scan worker judges for one scan), so that a document they share is read once. Only for reads made at the
/// same moment: a rollback's verification reads afresh.
/// </summary>
public sealed class ReadCache
{
    internal Dictionary<string, object> Reads { get; } = new(StringComparer.Ordinal);

    /// <summary>How many answers are kept.</summary>
    public int Count => Reads.Count;

    /// <summary>
    /// Drops the reads that failed (or were cancelled), so that the next collection tries them again: one path's
    /// failed read must not make another path, or the retry of the same one, fail without asking AWS. Returns how many.
    /// </summary>
    public int ForgetFailures()
    {
        var failed = Reads.Where(r => r.Value is Task { IsCompleted: true, IsCompletedSuccessfully: false }).Select(r => r.Key).ToList();
        foreach (var key in failed)
        {
            Reads.Remove(key);
        }

        return failed.Count;
    }
}
