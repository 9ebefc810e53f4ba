namespace Guardrail.Core.Findings;

/// <summary>
/// Collects findings from many requests into one list: one finding per rule, statement and kind, keeping the most
/// severe occurrence (the first one seen at that severity, which names the earliest request shape). Indexed, so
/// adding is constant time; a message is built only for the occurrence that is kept.
/// </summary>
public sealed class FindingCollector
{
    private readonly List<PendingFinding> findings = [];
    private readonly Dictionary<(string Rule, string Statement, FindingKind Kind), int> index = [];

    /// <summary>Adds a finding whose message is already built.</summary>
    public void Add(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        Add(PendingFinding.Of(finding));
    }

    /// <summary>Adds a finding whose message is built only if this occurrence is kept; the fix is the rule's.</summary>
    public void Add(string rule, Severity severity, FindingKind kind, string statement, Func<string> message) =>
        Add(new PendingFinding(rule, severity, kind, statement, message, null));

    public void AddRange(IEnumerable<Finding> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <summary>Access findings first, most severe first; then security findings likewise.</summary>
    public IReadOnlyList<Finding> ToList() => [.. ToPending().Select(p => p.Build())];

    /// <summary>The findings in <see cref="ToList"/>'s order, none of their messages built yet.</summary>
    internal IReadOnlyList<PendingFinding> ToPending() => [.. findings.OrderBy(f => f.Kind).ThenByDescending(f => f.Severity)];

    private void Add(PendingFinding pending)
    {
        var key = (pending.Rule, pending.Statement, pending.Kind);
        if (!index.TryGetValue(key, out var at))
        {
            index[key] = findings.Count;
            findings.Add(pending);
        }
        else if (pending.Severity > findings[at].Severity)
        {
            findings[at] = pending;
        }
    }
}
