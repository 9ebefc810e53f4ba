using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Cli.Reports;

/// <summary>
/// The report of <c>check change</c>: every hop before and after the change, and the findings of the path after it,
/// each located at the input's resource (and statement line) that causes it; a finding no change causes (the live
/// path's own) is located in the snapshot.
/// </summary>
public static class ChangeReports
{
    public static CheckReport From(ChangeVerdict verdict, string subject, string? inputFile, string? snapshotFile)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var findings = verdict.Findings
            .OrderBy(f => f.Finding.Hop)
            .Select(f => new ReportedFinding(f.Finding.Finding, f.Finding.Hop.ToText(), f.Finding.Document, Location(f, inputFile, snapshotFile)) { Introduced = f.Introduced })
            .ToList();
        var omitted = verdict.After.Hops.ToDictionary(h => h.Hop);
        return new CheckReport("change", subject, verdict.Access, verdict.Security, findings)
        {
            RequestsEvaluated = verdict.Before.RequestsEvaluated + verdict.After.RequestsEvaluated,
            InputFile = inputFile,
            Hops = [.. verdict.Hops.OrderBy(h => h.Hop).Select(h => new ReportedHop(h.Hop, h.After, omitted[h.Hop].FindingsOmitted, omitted[h.Hop].OmittedWeakensSecurity) { Before = h.Before })],
            Locations = new LocationsJudged(verdict.After.Locations.Classes, verdict.After.Locations.Tables),
            Changes = new ChangesJudged(verdict.Overlay.Applied.Count, verdict.Overlay.OffPath.Count),
        };
    }

    private static ReportLocation? Location(LocatedFinding finding, string? inputFile, string? snapshotFile) => finding.Sources switch
    {
        [var first, ..] => new ReportLocation(inputFile ?? first.File, finding.StatementLine ?? first.Line, first.Resource),
        _ => snapshotFile is null ? null : new ReportLocation(snapshotFile, null, null),
    };
}
