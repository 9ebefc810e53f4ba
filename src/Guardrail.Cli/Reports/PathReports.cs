using Guardrail.Core.Paths;

namespace Guardrail.Cli.Reports;

/// <summary>The report of <c>check path</c>: every hop in path order, findings by hop, located in the snapshot file (no line).</summary>
public static class PathReports
{
    public static CheckReport From(PathVerdict verdict, string subject, string? inputFile)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var hops = verdict.Hops.OrderBy(h => h.Hop).ToList();
        var findings = hops.SelectMany(h => h.Findings)
            .Select(f => new ReportedFinding(f.Finding, f.Hop.ToText(), f.Document, inputFile is null ? null : new ReportLocation(inputFile, null, null)))
            .ToList();
        return new CheckReport("path", subject, verdict.Access, verdict.Security, findings)
        {
            RequestsEvaluated = verdict.RequestsEvaluated,
            InputFile = inputFile,
            Hops = [.. hops.Select(h => new ReportedHop(h.Hop, h.Status, h.FindingsOmitted, h.OmittedWeakensSecurity))],
            Locations = new LocationsJudged(verdict.Locations.Classes, verdict.Locations.Tables),
        };
    }
}
