namespace Guardrail.Core.Paths.Judging;

/// <summary>One hop's results for two readers of the path, as one result.</summary>
internal static class HopResults
{
    /// <summary>
    /// The hop as <paramref name="main"/> and <paramref name="other"/> judged it: the worse status (a missed input
    /// leaves it unchecked unless a judged part breaks or is at risk), every finding, <paramref name="other"/>'s
    /// documents labelled with <paramref name="label"/>; what <paramref name="main"/> already says (the same
    /// finding, or a security finding about the same statement of the same document) is not repeated; at most
    /// <paramref name="cap"/> reported in all, the others counted as left out.
    /// </summary>
    public static HopResult Combine(HopResult main, HopResult other, string label, int cap)
    {
        var reported = main.Findings.Select(f => (f.Finding.Rule, f.Document, f.Finding.Statement)).ToHashSet();
        var said = main.Findings.Select(f => (f.Finding.Rule, f.Document, f.Finding.Statement, f.Finding.Message)).ToHashSet();
        var added = other.Findings
            .Where(f => !said.Contains((f.Finding.Rule, f.Document, f.Finding.Statement, f.Finding.Message)))
            .Where(f => f.Finding.Kind != Findings.FindingKind.Security || !reported.Contains((f.Finding.Rule, f.Document, f.Finding.Statement)))
            .Select(f => f with { Document = $"{f.Document} ({label})" })
            .ToList();
        var room = Math.Max(0, cap - main.Findings.Count);
        var kept = added.Take(room).ToList();
        return new HopResult(main.Hop, Worse(main.Status, other.Status), [.. main.Findings, .. kept])
        {
            FindingsOmitted = main.FindingsOmitted + other.FindingsOmitted + (added.Count - kept.Count),
            OmittedWeakensSecurity = main.OmittedWeakensSecurity || other.OmittedWeakensSecurity,
        };
    }

    private static HopStatus Worse(HopStatus a, HopStatus b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(HopStatus status) => status switch
    {
        HopStatus.Breaks => 3,
        HopStatus.AtRisk => 2,
        HopStatus.Unchecked => 1,
        _ => 0,
    };
}
