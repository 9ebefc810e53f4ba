using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Findings;
using Guardrail.Core.Findings.Exceptions;
using Guardrail.Core.Paths;

namespace Guardrail.Cli.Reports;

/// <summary>
/// <c>--format json</c>: one indented object, <c>schemaVersion</c> first (docs/check-output.schema.json). The
/// properties of the first versions are kept as they were (fields are only ever added): a document's check has
/// <c>verdict</c>, <c>security</c>, <c>requestsEvaluated</c>, <c>findings</c>, <c>resource</c>; <c>check path</c> has
/// <c>verdict</c>, <c>security</c>, <c>hops</c>, <c>findings</c>, <c>requestsEvaluated</c>, <c>findingsOmitted</c>,
/// <c>locations</c>. Every check adds <c>command</c>; a finding adds <c>location</c> when its input file is known
/// and <c>excepted</c> with its <c>exception</c> when one accepts it; with <c>--exceptions</c>, <c>counted</c> (the
/// verdicts <c>--fail-on</c> counts) and <c>exceptions</c> are added at the end.
/// </summary>
public static class ReportJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", CheckReport.SchemaVersion);
            writer.WriteString("command", report.Command);
            writer.WriteString("verdict", report.Access.ToText());
            writer.WriteString("security", report.Security.ToText());
            if (report.Hops is { } hops)
            {
                writer.WriteStartArray("hops");
                foreach (var hop in hops)
                {
                    writer.WriteStartObject();
                    writer.WriteString("hop", hop.Name);
                    writer.WriteString("status", hop.Status.ToText());
                    if (hop.Before is { } before)
                    {
                        writer.WriteString("before", before.ToText());
                    }

                    Findings(writer, report.Findings.Where(f => f.Hop == hop.Name));
                    writer.WriteNumber("findingsOmitted", hop.FindingsOmitted);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                Findings(writer, report.Findings);
                writer.WriteNumber("requestsEvaluated", report.RequestsEvaluated);
                writer.WriteNumber("findingsOmitted", report.FindingsOmitted);
                if (report.Locations is { } locations)
                {
                    writer.WriteStartObject("locations");
                    writer.WriteNumber("classes", locations.Classes);
                    writer.WriteNumber("tables", locations.Tables);
                    writer.WriteEndObject();
                }

                if (report.Changes is { } changes)
                {
                    writer.WriteStartObject("changes");
                    writer.WriteNumber("onPath", changes.OnPath);
                    writer.WriteNumber("offPath", changes.OffPath);
                    writer.WriteEndObject();
                }
            }
            else
            {
                writer.WriteNumber("requestsEvaluated", report.RequestsEvaluated);
                Findings(writer, report.Findings);
            }

            if (report.Resource.Count > 0)
            {
                writer.WriteStartObject("resource");
                foreach (var property in report.Resource)
                {
                    if (property.Flag is { } flag)
                    {
                        writer.WriteBoolean(property.Name, flag);
                    }
                    else
                    {
                        writer.WriteString(property.Name, property.Text);
                    }
                }

                writer.WriteEndObject();
            }

            if (report.ExceptionsApplied)
            {
                var counted = CountedOutcome.Of(report);
                writer.WriteStartObject("counted");
                writer.WriteString("verdict", counted.Access.ToText());
                writer.WriteString("security", counted.Security.ToText());
                writer.WriteEndObject();
                writer.WriteStartObject("exceptions");
                writer.WriteNumber("excepted", report.Findings.Count(f => f.IsExcepted));
                writer.WriteNumber("expired", report.Findings.Count(f => f.Finding.Rule == RuleIds.ExceptionExpired));
                writer.WriteStartArray("unused");
                foreach (var exception in report.UnusedExceptions)
                {
                    Exception(writer, exception);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Findings(Utf8JsonWriter writer, IEnumerable<ReportedFinding> findings)
    {
        writer.WriteStartArray("findings");
        foreach (var reported in findings)
        {
            var finding = reported.Finding;
            writer.WriteStartObject();
            if (reported.Hop is { } hop)
            {
                writer.WriteString("hop", hop);
            }

            if (reported.Document is { } document)
            {
                writer.WriteString("document", document);
            }

            VerdictJson.WriteFindingProperties(writer, finding);
            if (reported.Location is { } location)
            {
                writer.WriteStartObject("location");
                writer.WriteString("file", location.File);
                if (location.Line is { } line)
                {
                    writer.WriteNumber("line", line);
                }

                if (location.Resource is { } resource)
                {
                    writer.WriteString("resource", resource);
                }

                writer.WriteEndObject();
            }

            if (reported.Introduced is { } introduced)
            {
                writer.WriteBoolean("introduced", introduced);
            }

            if (reported.ExceptedBy is { } exception)
            {
                writer.WriteBoolean("excepted", true);
                writer.WritePropertyName("exception");
                Exception(writer, exception);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Exception(Utf8JsonWriter writer, FindingException exception)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", exception.Rule);
        writer.WriteString("resource", exception.Resource);
        if (exception.Statement is { } statement)
        {
            writer.WriteString("statement", statement);
        }

        writer.WriteString("reason", exception.Reason);
        writer.WriteString("expires", exception.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }
}
