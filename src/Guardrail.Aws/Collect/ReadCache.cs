namespace Guardrail.Aws.Collect;

/// <summary>
/// The answers of one invocation's reads, shared by several collections (the paths one event concerns), so that a
/// document they share is read once. Only for reads made at the same moment: a rollback's verification reads afresh.
/// </summary>
public sealed class ReadCache
{
    internal Dictionary<string, object> Reads { get; } = new(StringComparer.Ordinal);
}
