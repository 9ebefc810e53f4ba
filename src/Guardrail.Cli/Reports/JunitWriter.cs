using System.Globalization;
using System.Text;
using System.Xml;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Text;

namespace Guardrail.Cli.Reports;

/// <summary>
/// <c>--format junit</c>: JUnit XML as CI test reports read it (<c>testsuites/testsuite/testcase</c>). <c>check path</c>
/// has one test case per hop, the others one per rule that appears (<c>ok</c> when none does), and one case
/// <c>exceptions</c> for expired exceptions. A case fails when a finding in it counts towards <c>--fail-on</c>
/// (<see cref="FailOn.Fails"/>; for a hop, when its counted status is listed); it is skipped when every finding in it
/// is excepted or the hop is unchecked. Text from the input is escaped with <see cref="SafeText"/> (XML 1.0 cannot
/// carry control characters) and by the XML writer.
/// </summary>
public static class JunitWriter
{
    public static string Write(CheckReport report, FailOn failOn)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(failOn);
        var counted = CountedOutcome.Of(report);
        var cases = Cases(report, failOn, counted);
        var name = $"guardrail check {report.Command}";
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", name);
            Counts(writer, cases);
            writer.WriteStartElement("testsuite");
            writer.WriteAttributeString("name", SafeText.Line($"{name}: {report.Subject}"));
            Counts(writer, cases);
            writer.WriteAttributeString("errors", "0");
            foreach (var testCase in cases)
            {
                writer.WriteStartElement("testcase");
                writer.WriteAttributeString("classname", $"guardrail.{report.Command}");
                writer.WriteAttributeString("name", SafeText.Line(testCase.Name));
                switch (testCase.Result)
                {
                    case CaseResult.Failed:
                        writer.WriteStartElement("failure");
                        writer.WriteAttributeString("message", SafeText.Line(testCase.Message));
                        writer.WriteAttributeString("type", testCase.Type);
                        writer.WriteString(testCase.Body);
                        writer.WriteEndElement();
                        break;
                    case CaseResult.Skipped:
                        writer.WriteStartElement("skipped");
                        writer.WriteAttributeString("message", SafeText.Line(testCase.Message));
                        writer.WriteEndElement();
                        break;
                    default:
                        if (testCase.Body.Length > 0)
                        {
                            writer.WriteElementString("system-out", testCase.Body);
                        }

                        break;
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        // StringBuilder output declares UTF-16; the report is written out as UTF-8.
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void Counts(XmlWriter writer, List<JunitCase> cases)
    {
        writer.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", cases.Count(c => c.Result == CaseResult.Failed).ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("skipped", cases.Count(c => c.Result == CaseResult.Skipped).ToString(CultureInfo.InvariantCulture));
    }

    private static List<JunitCase> Cases(CheckReport report, FailOn failOn, CountedOutcome counted)
    {
        var cases = new List<JunitCase>();
        if (report.Hops is { } hops)
        {
            foreach (var hop in hops)
            {
                var findings = report.Findings.Where(f => f.Hop == hop.Name).ToList();
                var status = CountedOutcome.CountedStatus(report, hop);
                var failing = (status == HopStatus.Breaks && failOn.Breaks) || (status == HopStatus.AtRisk && failOn.AtRisk)
                    || findings.Any(f => !f.IsExcepted && f.Finding.Kind == FindingKind.Security && failOn.Fails(FindingKind.Security, f.Finding.Severity, counted));
                cases.Add(Case(hop.Name, findings, failing, hop.Status == HopStatus.Unchecked ? "unchecked: its inputs were not in the snapshot" : null, $"{hop.Name} {hop.Status.ToText()}"));
            }

            var others = report.Findings.Where(f => f.Hop is null).ToList();
            if (others.Count > 0)
            {
                cases.Add(Case("exceptions", others, others.Any(f => Counts(f, failOn, counted)), null, "exceptions"));
            }

            return cases;
        }

        foreach (var group in report.Findings.GroupBy(f => f.Finding.Rule, StringComparer.Ordinal))
        {
            var findings = group.ToList();
            cases.Add(Case(group.Key, findings, findings.Any(f => Counts(f, failOn, counted)), null, group.Key));
        }

        if (cases.Count == 0)
        {
            cases.Add(new JunitCase("ok", CaseResult.Passed, string.Empty, "ok", string.Empty));
        }

        return cases;
    }

    private static bool Counts(ReportedFinding finding, FailOn failOn, CountedOutcome counted) =>
        !finding.IsExcepted && failOn.Fails(finding.Finding.Kind, finding.Finding.Severity, counted);

    private static JunitCase Case(string name, List<ReportedFinding> findings, bool failing, string? skippedBecause, string type)
    {
        var body = string.Join("\n", findings.Select(Describe));
        if (failing)
        {
            var first = findings.FirstOrDefault(f => !f.IsExcepted)?.Finding;
            var message = first is null ? type : $"{first.Rule}: {first.Message} Fix: {first.Fix}";
            return new JunitCase(name, CaseResult.Failed, message, first?.Rule ?? type, body);
        }

        if (skippedBecause is not null)
        {
            return new JunitCase(name, CaseResult.Skipped, skippedBecause, type, body);
        }

        if (findings.Count > 0 && findings.All(f => f.IsExcepted))
        {
            return new JunitCase(name, CaseResult.Skipped, $"excepted: {findings[0].ExceptedBy!.Reason}", type, body);
        }

        return new JunitCase(name, CaseResult.Passed, string.Empty, type, body);
    }

    private static string Describe(ReportedFinding reported)
    {
        var f = reported.Finding;
        var where = string.Join(", ", new[] { reported.Location?.Resource, reported.Document, f.Statement }.OfType<string>().Select(SafeText.Echo));
        var excepted = reported.ExceptedBy is { } e ? string.Create(CultureInfo.InvariantCulture, $"\n  excepted: {SafeText.Line(e.Reason)} (until {e.Expires:yyyy-MM-dd})") : string.Empty;
        return $"[{f.Severity.ToText()}] {f.Rule} in {where}\n  {SafeText.Line(f.Message)}\n  fix: {SafeText.Line(f.Fix)}{excepted}";
    }

    private enum CaseResult
    {
        Passed,
        Failed,
        Skipped,
    }

    private sealed record JunitCase(string Name, CaseResult Result, string Message, string Type, string Body);
}
