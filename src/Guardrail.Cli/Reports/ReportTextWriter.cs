using System.Globalization;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Text;

namespace Guardrail.Cli.Reports;

/// <summary>
/// <c>--format text</c>, for people. A document's check: the headline, then the findings grouped by kind. A path:
/// the hops in one line with a mark each, the headline, then the findings grouped by hop. An excepted finding is
/// shown with a fourth line naming its exception; with <c>--exceptions</c>, a last line counts what they did and
/// says what <c>--fail-on</c> counted.
/// </summary>
public static class ReportTextWriter
{
    // check change: a hop the change makes different shows its live status first (ok→breaks).
    private static string Changed(ReportedHop hop, bool colour) =>
        hop.Before is { } before && before != hop.Status ? $"{PathOutput.Painted(before, colour)}→" : string.Empty;

    public static void Write(TextWriter output, CheckReport report, bool colour)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Hops is { } hops)
        {
            output.WriteLine(string.Join(" → ", hops.Select(h => $"{h.Name} {Changed(h, colour)}{PathOutput.Painted(h.Status, colour)}")));
            VerdictTextWriter.WriteHeadline(output, report.Access, report.Security, report.Subject, colour);
            foreach (var hop in hops)
            {
                var findings = report.Findings.Where(f => f.Hop == hop.Name).ToList();
                if (findings.Count == 0 && hop.FindingsOmitted == 0)
                {
                    continue;
                }

                output.WriteLine();
                output.WriteLine($"{hop.Name} {PathOutput.Painted(hop.Status, colour)} {hop.Status.ToText()}" + (hop.Before is { } before && before != hop.Status ? $" (was {before.ToText()})" : string.Empty));
                foreach (var finding in findings)
                {
                    WriteFinding(output, finding, colour);
                }

                if (hop.FindingsOmitted > 0)
                {
                    output.WriteLine($"  … and {hop.FindingsOmitted:N0} more {(hop.FindingsOmitted == 1 ? "finding" : "findings")} on this hop (not shown; the verdict counts them)");
                }
            }

            WriteGroup(output, "Exception findings:", report.Findings.Where(f => f.Hop is null), colour);
        }
        else
        {
            VerdictTextWriter.WriteHeadline(output, report.Access, report.Security, report.Subject, colour);
            WriteGroup(output, "Access findings:", report.Findings.Where(f => f.Finding.Kind == FindingKind.Access), colour);
            WriteGroup(output, "Security findings:", report.Findings.Where(f => f.Finding.Kind == FindingKind.Security), colour);
        }

        if (report.ExceptionsApplied)
        {
            var counted = CountedOutcome.Of(report);
            output.WriteLine();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"exceptions: {report.Findings.Count(f => f.IsExcepted)} excepted, {report.Findings.Count(f => f.Finding.Rule == RuleIds.ExceptionExpired)} expired, {report.UnusedExceptions.Count} unused; counted: {counted.Access.ToText()}, security {counted.Security.ToText()}"));
        }
    }

    private static void WriteGroup(TextWriter output, string title, IEnumerable<ReportedFinding> findings, bool colour)
    {
        var list = findings.ToList();
        if (list.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        foreach (var finding in list)
        {
            WriteFinding(output, finding, colour);
        }
    }

    private static void WriteFinding(TextWriter output, ReportedFinding reported, bool colour)
    {
        var where = string.Join(", ", new[] { reported.Location?.Resource, reported.Document, reported.Finding.Statement }.OfType<string>().Select(SafeText.Echo));

        // A finding located in a template or plan says where, as compilers do: FILE:LINE.
        if (reported.Location is { Resource: not null, File: var file } located)
        {
            where += $" ({SafeText.Echo(file)}{(located.Line is { } line ? $":{line}" : string.Empty)})";
        }
        VerdictTextWriter.WriteFinding(output, reported.Finding, where, "  ", colour);
        if (reported.ExceptedBy is { } exception)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {VerdictTextWriter.Paint("excepted:", VerdictTextWriter.Dim, colour)} {SafeText.Line(exception.Reason)} (until {exception.Expires:yyyy-MM-dd})"));
        }
    }
}
