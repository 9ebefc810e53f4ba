namespace Guardrail.Core.Findings;

/// <summary>
/// Collects findings from many requests into one list: one finding per rule and statement, keeping the most
/// severe occurrence (the first one seen at that severity, which names the earliest request shape).
/// </summary>
public sealed class FindingCollector
{
    private readonly List<Finding> findings = [];

    public void Add(Finding finding)
    {
        var index = findings.FindIndex(f => f.Rule == finding.Rule && f.Statement == finding.Statement && f.Kind == finding.Kind);
        if (index < 0)
        {
            findings.Add(finding);
        }
        else if (finding.Severity > findings[index].Severity)
        {
            findings[index] = finding;
        }
    }

    public void AddRange(IEnumerable<Finding> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <summary>Access findings first, most severe first; then security findings likewise.</summary>
    public IReadOnlyList<Finding> ToList() =>
        [.. findings.OrderBy(f => f.Kind).ThenByDescending(f => f.Severity)];
}
