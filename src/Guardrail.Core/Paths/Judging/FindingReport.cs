using Guardrail.Core.Families;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Which of a hop's findings are reported: at most a cap of them, each paid for out of the path's work budget, so a
/// snapshot of many denies costs a bounded report, never a report as large as itself. Only the report is cut: the hop
/// has decided its status from every finding's cause before. The findings kept are the <c>evaluation-budget</c> ones
/// first (they say why a hop is at risk), then the most severe, the earliest found first among equals; they are
/// reported in the order they were found. A finding's message is built only when it is kept.
/// </summary>
internal static class FindingReport
{
    /// <summary>
    /// What reporting one finding costs, in <see cref="WorkBudget"/> units (about 0.1 µs each): building its message
    /// (a few hundred characters from the statement and the request that shows it) and writing it out, twice in JSON
    /// (under its hop and in the flat list), take about 10 µs and 1 to 2 KB. The default cap of 100 findings a hop
    /// costs at most 9 × 100 × 100 = 90,000 units, 2.25% of a path's default budget.
    /// </summary>
    public const long UnitsPerFinding = 100;

    /// <summary>
    /// The positions (ascending) of the findings to report, at most <paramref name="cap"/>, each paid for out of
    /// <paramref name="budget"/>; <paramref name="budgetRanOut"/> says that the budget could not pay for one the
    /// cap would have kept.
    /// </summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<PendingFinding> findings, int cap, WorkBudget budget, out bool budgetRanOut)
    {
        budgetRanOut = false;
        var wanted = Math.Min(Math.Max(cap, 0), findings.Count);
        var kept = new List<int>(wanted);
        foreach (var at in ByPriority(findings).Take(wanted))
        {
            if (!budget.TrySpendLinear(UnitsPerFinding))
            {
                budgetRanOut = true;
                break;
            }

            kept.Add(at);
        }

        kept.Sort();
        return kept;
    }

    private static IEnumerable<int> ByPriority(IReadOnlyList<PendingFinding> findings) =>
        Enumerable.Range(0, findings.Count)
            .OrderByDescending(i => findings[i].Rule == RuleIds.EvaluationBudget)
            .ThenByDescending(i => findings[i].Severity)
            .ThenBy(i => i);
}
