using Guardrail.Core.Findings;
using Guardrail.Core.Paths;

namespace Guardrail.Cli.Reports;

/// <summary>
/// A finding's SARIF <c>level</c>, from its severity and, on a path, its hop's status; the higher of the two:
/// <list type="bullet">
/// <item>severity <c>critical</c> or <c>high</c>, or an access finding on a hop that <c>breaks</c>: <c>error</c>;</item>
/// <item>severity <c>medium</c>, or an access finding on a hop <c>at-risk</c>: <c>warning</c>;</item>
/// <item>severity <c>low</c> or <c>info</c>: <c>note</c>.</item>
/// </list>
/// The hop raises only access findings above <c>info</c> (the ones that make a hop's status): an info finding
/// (<c>hop-unchecked</c>) stays a note on a hop that breaks, and a security finding is as urgent as its severity says.
/// </summary>
public static class SarifLevels
{
    public static string Of(Finding finding, HopStatus? hop)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var bySeverity = finding.Severity switch
        {
            Severity.Critical or Severity.High => 2,
            Severity.Medium => 1,
            _ => 0,
        };
        var byHop = finding.Kind != FindingKind.Access || finding.Severity == Severity.Info ? 0 : hop switch
        {
            HopStatus.Breaks => 2,
            HopStatus.AtRisk => 1,
            _ => 0,
        };
        return Math.Max(bySeverity, byHop) switch
        {
            2 => "error",
            1 => "warning",
            _ => "note",
        };
    }
}
