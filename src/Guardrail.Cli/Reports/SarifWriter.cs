using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guardrail.Core.Findings;
using Guardrail.Core.Text;

namespace Guardrail.Cli.Reports;

/// <summary>
/// <c>--format sarif</c>: SARIF 2.1.0, one run. <c>tool.driver.rules</c> has one entry per rule id that appears
/// (its kind as a tag, the fix as help); each finding is a result with its <see cref="SarifLevels">level</see>, the
/// message and fix, the input file and statement line when known, the hop, document, resource and statement as
/// logical locations, and, when excepted, an external suppression with the exception's reason.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = report.Findings.Select(f => f.Finding.Rule).Distinct(StringComparer.Ordinal).ToList();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUri);
            writer.WriteString("version", "2.1.0");
            writer.WriteStartArray("runs");
            writer.WriteStartObject();
            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", "guardrail");
            writer.WriteString("fullName", "Spectrum Guardrail");
            writer.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                Rule(writer, report.Findings.First(f => f.Finding.Rule == rule).Finding);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                Result(writer, report, finding, rules.IndexOf(finding.Finding.Rule));
            }

            writer.WriteEndArray();
            var counted = CountedOutcome.Of(report);
            writer.WriteStartObject("properties");
            writer.WriteString("command", report.Command);
            writer.WriteString("subject", report.Subject);
            writer.WriteString("verdict", report.Access.ToText());
            writer.WriteString("security", report.Security.ToText());
            writer.WriteString("countedVerdict", counted.Access.ToText());
            writer.WriteString("countedSecurity", counted.Security.ToText());
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The rule's display name: <c>vpce-restriction</c> is <c>VpceRestriction</c>.</summary>
    public static string RuleName(string rule) =>
        string.Concat((rule ?? string.Empty).Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>A path as a SARIF URI reference: relative paths keep their form with '/' separators; absolute ones become file URIs.</summary>
    public static string ArtifactUri(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Path.IsPathFullyQualified(file))
        {
            return new Uri(file).AbsoluteUri;
        }

        return string.Join('/', file.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
    }

    private static void Rule(Utf8JsonWriter writer, Finding first)
    {
        writer.WriteStartObject();
        writer.WriteString("id", first.Rule);
        writer.WriteString("name", RuleName(first.Rule));
        writer.WriteStartObject("shortDescription");
        writer.WriteString("text", SafeText.Line(first.Message));
        writer.WriteEndObject();
        writer.WriteStartObject("help");
        writer.WriteString("text", SafeText.Line(first.Fix));
        writer.WriteEndObject();
        writer.WriteStartObject("properties");
        writer.WriteStartArray("tags");
        writer.WriteStringValue(first.Kind.ToText());
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Result(Utf8JsonWriter writer, CheckReport report, ReportedFinding reported, int ruleIndex)
    {
        var finding = reported.Finding;
        var hop = report.Hops?.FirstOrDefault(h => h.Name == reported.Hop)?.Status;
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.Rule);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", SarifLevels.Of(finding, hop));
        writer.WriteStartObject("message");
        writer.WriteString("text", $"{finding.Message} Fix: {finding.Fix}");
        writer.WriteEndObject();
        writer.WriteStartArray("locations");
        writer.WriteStartObject();
        if (reported.Location is { } location)
        {
            writer.WriteStartObject("physicalLocation");
            writer.WriteStartObject("artifactLocation");
            writer.WriteString("uri", ArtifactUri(location.File));
            writer.WriteEndObject();
            if (location.Line is { } line)
            {
                writer.WriteStartObject("region");
                writer.WriteNumber("startLine", line);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteStartArray("logicalLocations");
        Logical(writer, reported.Hop, "module");
        Logical(writer, reported.Document, "resource");
        Logical(writer, reported.Location?.Resource, "resource");
        Logical(writer, finding.Statement, "member");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (reported.ExceptedBy is { } exception)
        {
            writer.WriteStartArray("suppressions");
            writer.WriteStartObject();
            writer.WriteString("kind", "external");
            writer.WriteString("status", "accepted");
            writer.WriteString("justification", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{exception.Reason} (until {exception.Expires:yyyy-MM-dd})"));
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteStartObject("properties");
        writer.WriteString("severity", finding.Severity.ToText());
        writer.WriteString("kind", finding.Kind.ToText());
        writer.WriteString("statement", finding.Statement);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Logical(Utf8JsonWriter writer, string? name, string kind)
    {
        if (name is null)
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("kind", kind);
        writer.WriteEndObject();
    }
}
