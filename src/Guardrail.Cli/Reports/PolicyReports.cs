using Guardrail.Core.Findings;

namespace Guardrail.Cli.Reports;

/// <summary>The report of a check of one policy document (<c>bucket-policy</c>, <c>trust-policy</c>).</summary>
public static class PolicyReports
{
    /// <summary>
    /// The report of <paramref name="verdict"/>; each finding is located in <paramref name="inputFile"/> (null: standard
    /// input, no location) at the line <paramref name="lines"/> gives for its statement, when it has one.
    /// </summary>
    public static CheckReport From(string command, string subject, Verdict verdict, string? inputFile, StatementLines lines)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(lines);
        var findings = verdict.Findings.Select(f => new ReportedFinding(f, null, null, inputFile is null ? null : new ReportLocation(inputFile, lines.LineOf(f.Statement), null))).ToList();
        return new CheckReport(command, subject, verdict.Access, verdict.Security, findings)
        {
            RequestsEvaluated = verdict.RequestsEvaluated,
            InputFile = inputFile,
        };
    }
}
