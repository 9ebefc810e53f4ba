using Guardrail.Core.Findings;
using Guardrail.Core.Paths;

namespace Guardrail.Cli.Reports;

/// <summary>
/// The verdicts <c>--fail-on</c> counts: the judged ones with excepted findings left out.
/// <list type="bullet">
/// <item>Access, one document (or a change): <c>ok</c> when at least one access finding above <c>info</c> is reported
/// and every one is excepted; else as judged. (Info findings, such as <c>hop-unchecked</c>, never make a verdict.)</item>
/// <item>Access, a path: a checked hop counts as <c>ok</c> when it reports at least one access finding above
/// <c>info</c>, every one is excepted and none was left out of its report; the path counts as its worst checked hop (as judged when no hop
/// changed). Unchecked hops count as they are judged: not at all.</item>
/// <item>Security: <c>weakened</c> when an active security finding above <c>info</c> is reported (an
/// <c>exception-expired</c> finding is one), when a hop left one out of its report, or when it was judged
/// <c>weakened</c> without reporting any security finding above info; else <c>ok</c>.</item>
/// </list>
/// </summary>
public sealed record CountedOutcome(AccessVerdict Access, SecurityVerdict Security)
{
    public static CountedOutcome Of(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new CountedOutcome(CountedAccess(report), CountedSecurity(report));
    }

    /// <summary>A hop's counted status: see the type's summary.</summary>
    public static HopStatus CountedStatus(CheckReport report, ReportedHop hop)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(hop);
        if (hop.Status is HopStatus.Ok or HopStatus.Unchecked || hop.FindingsOmitted > 0)
        {
            return hop.Status;
        }

        var access = report.Findings.Where(f => f.Hop == hop.Name && Decides(f)).ToList();
        return access.Count > 0 && access.All(f => f.IsExcepted) ? HopStatus.Ok : hop.Status;
    }

    private static AccessVerdict CountedAccess(CheckReport report)
    {
        if (report.Access == AccessVerdict.Ok)
        {
            return AccessVerdict.Ok;
        }

        if (report.Hops is { } hops)
        {
            var counted = hops.Select(h => (Judged: h.Status, Counted: CountedStatus(report, h))).ToList();
            if (counted.All(h => h.Judged == h.Counted))
            {
                return report.Access;
            }

            return counted.Select(h => h.Counted).Aggregate(AccessVerdict.Ok, (worst, status) => status switch
            {
                HopStatus.Breaks => AccessVerdict.Breaks,
                HopStatus.AtRisk when worst == AccessVerdict.Ok => AccessVerdict.AtRisk,
                _ => worst,
            });
        }

        var findings = report.Findings.Where(Decides).ToList();
        return findings.Count > 0 && findings.All(f => f.IsExcepted) ? AccessVerdict.Ok : report.Access;
    }

    // An access finding above info: one that can make an access verdict (info findings, such as hop-unchecked, never do).
    private static bool Decides(ReportedFinding f) => f.Finding.Kind == FindingKind.Access && f.Finding.Severity > Severity.Info;

    private static SecurityVerdict CountedSecurity(CheckReport report)
    {
        var weakening = report.Findings.Where(f => f.Finding.Kind == FindingKind.Security && f.Finding.Severity > Severity.Info).ToList();
        var weakened = weakening.Any(f => !f.IsExcepted)
            || (report.Hops?.Any(h => h.OmittedWeakensSecurity) ?? false)
            || (report.Security == SecurityVerdict.Weakened && weakening.Count == 0);
        return weakened ? SecurityVerdict.Weakened : SecurityVerdict.Ok;
    }
}
