using Guardrail.Core.Findings.Exceptions;

namespace Guardrail.Cli.Reports;

/// <summary>
/// Applies an exceptions list to a report with <see cref="ExceptionJudge"/> (Core): each finding is about the report's
/// <see cref="CheckReport.ResourceNames"/>, its document and its location's resource. Expired exceptions are added as
/// <c>exception-expired</c> findings (located in the exceptions file), unused ones are kept for the JSON output.
/// </summary>
public static class ReportExceptions
{
    public static CheckReport Apply(CheckReport report, IReadOnlyList<FindingException> exceptions, DateOnly today, string? exceptionsFile)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(exceptions);
        var subjects = report.Findings.Select(f => new ExceptionSubject(f.Finding, Names(report, f))).ToList();
        var decision = ExceptionJudge.Decide(subjects, exceptions, today);
        var findings = report.Findings.Select((f, i) => f with { ExceptedBy = decision.ExceptedBy[i] })
            .Concat(decision.Expired.Select(e => new ReportedFinding(e.Finding, null, null, exceptionsFile is null ? null : new ReportLocation(exceptionsFile, null, null))))
            .ToList();
        return report with { Findings = findings, ExceptionsApplied = true, UnusedExceptions = decision.Unused };
    }

    private static List<string> Names(CheckReport report, ReportedFinding finding) =>
        [.. report.ResourceNames, .. new[] { finding.Document, finding.Location?.Resource }.OfType<string>()];
}
