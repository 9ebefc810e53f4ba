using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>
/// <c>check path</c>'s answer. Text: the path as one line of hops with a mark each (✓ ok, ! at-risk, ✗ breaks,
/// ? unchecked), so the cut is seen at a glance; the verdict; then the findings grouped by hop, each hop's report
/// capped (one line counts what it left out). JSON: <c>verdict</c>, <c>security</c>, every hop in path order with its
/// status, findings and <c>findingsOmitted</c>, the findings flat, <c>requestsEvaluated</c>, <c>findingsOmitted</c> in all, and <c>locations</c>: the classes of table
/// locations judged and how many locations they stand for.
/// </summary>
public static class PathOutput
{
    private static readonly PathJsonContext Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The mark of a hop status.</summary>
    public static string Mark(HopStatus status) => status switch
    {
        HopStatus.Ok => "✓",
        HopStatus.AtRisk => "!",
        HopStatus.Breaks => "✗",
        _ => "?",
    };

    /// <summary>Writes the verdict for people; <paramref name="subject"/> says what is read by whom.</summary>
    public static void WriteText(TextWriter output, PathVerdict verdict, string subject, bool colour)
    {
        var hops = InPathOrder(verdict);
        output.WriteLine(string.Join(" → ", hops.Select(h => $"{h.Hop.ToText()} {Painted(h.Status, colour)}")));
        VerdictTextWriter.WriteHeadline(output, verdict.Access, verdict.Security, subject, colour);
        foreach (var hop in hops.Where(h => h.Findings.Count > 0 || h.FindingsOmitted > 0))
        {
            output.WriteLine();
            output.WriteLine($"{hop.Hop.ToText()} {Painted(hop.Status, colour)} {hop.Status.ToText()}");
            foreach (var finding in hop.Findings)
            {
                var where = $"{SafeText.Echo(finding.Document)}, {SafeText.Echo(finding.Finding.Statement)}";
                VerdictTextWriter.WriteFinding(output, finding.Finding, where, "  ", colour);
            }

            if (hop.FindingsOmitted > 0)
            {
                output.WriteLine($"  … and {hop.FindingsOmitted:N0} more {(hop.FindingsOmitted == 1 ? "finding" : "findings")} on this hop (not shown; the verdict counts them)");
            }
        }
    }

    /// <summary>The verdict as the JSON contract (one object, indented).</summary>
    public static string ToJson(PathVerdict verdict)
    {
        var hops = InPathOrder(verdict);
        var result = new PathResultJson(
            verdict.Access.ToText(),
            verdict.Security.ToText(),
            [.. hops.Select(h => new HopJson(h.Hop.ToText(), h.Status.ToText(), [.. h.Findings.Select(FindingJson)], h.FindingsOmitted))],
            [.. hops.SelectMany(h => h.Findings).Select(FindingJson)],
            verdict.RequestsEvaluated,
            verdict.FindingsOmitted,
            new LocationsJson(verdict.Locations.Classes, verdict.Locations.Tables));
        return JsonSerializer.Serialize(result, Json.PathResultJson);
    }

    private static List<HopResult> InPathOrder(PathVerdict verdict) => [.. verdict.Hops.OrderBy(h => h.Hop)];

    private static string Painted(HopStatus status, bool colour) => VerdictTextWriter.Paint(Mark(status), status switch
    {
        HopStatus.Ok => VerdictTextWriter.Green,
        HopStatus.AtRisk => VerdictTextWriter.Yellow,
        HopStatus.Breaks => VerdictTextWriter.Bold + VerdictTextWriter.Red,
        _ => VerdictTextWriter.Dim,
    }, colour);

    private static PathFindingJson FindingJson(PathFinding finding) => new(
        finding.Hop.ToText(),
        finding.Document,
        finding.Finding.Rule,
        finding.Finding.Severity.ToText(),
        finding.Finding.Kind.ToText(),
        finding.Finding.Statement,
        finding.Finding.Message,
        finding.Finding.Fix);
}

/// <summary>The JSON shape of <c>check path</c>'s answer; <c>findingsOmitted</c> sums the hops' (fields are only ever added).</summary>
internal sealed record PathResultJson(string Verdict, string Security, IReadOnlyList<HopJson> Hops, IReadOnlyList<PathFindingJson> Findings, int RequestsEvaluated, int FindingsOmitted, LocationsJson Locations);

/// <summary>The table locations whose S3 reads were judged: <c>classes</c> judged, standing for <c>tables</c> locations.</summary>
internal sealed record LocationsJson(int Classes, int Tables);

/// <summary>One hop of the answer: <c>findingsOmitted</c> counts the findings its capped report left out.</summary>
internal sealed record HopJson(string Hop, string Status, IReadOnlyList<PathFindingJson> Findings, int FindingsOmitted);

/// <summary>One finding of the answer, with its hop and document.</summary>
internal sealed record PathFindingJson(string Hop, string Document, string Rule, string Severity, string Kind, string Statement, string Message, string Fix);

/// <summary>Source-generated serialization: no reflection, so the Native AOT binary writes the same JSON.</summary>
[JsonSerializable(typeof(PathResultJson))]
internal sealed partial class PathJsonContext : JsonSerializerContext;
