using System.Text.Json;

namespace Guardrail.Core.Findings;

/// <summary>
/// The JSON shape of a verdict, shared by the CLI's <c>--format json</c> and the functions' alerts so that
/// pipelines and subscribers parse one contract: <c>verdict</c>, <c>security</c>, <c>findings[]</c>.
/// </summary>
public static class VerdictJson
{
    /// <summary>Writes the verdict's properties into the object the writer is currently in.</summary>
    public static void WriteProperties(Utf8JsonWriter writer, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(verdict);
        writer.WriteString("verdict", verdict.Access.ToText());
        writer.WriteString("security", verdict.Security.ToText());
        writer.WriteNumber("requestsEvaluated", verdict.RequestsEvaluated);
        writer.WriteStartArray("findings");
        foreach (var finding in verdict.Findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one finding as an object.</summary>
    public static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);
        writer.WriteStartObject();
        WriteFindingProperties(writer, finding);
        writer.WriteEndObject();
    }

    /// <summary>Writes a finding's properties (rule, severity, kind, statement, message, fix) into the open object.</summary>
    public static void WriteFindingProperties(Utf8JsonWriter writer, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);
        writer.WriteString("rule", finding.Rule);
        writer.WriteString("severity", finding.Severity.ToText());
        writer.WriteString("kind", finding.Kind.ToText());
        writer.WriteString("statement", finding.Statement);
        writer.WriteString("message", finding.Message);
        writer.WriteString("fix", finding.Fix);
    }
}
