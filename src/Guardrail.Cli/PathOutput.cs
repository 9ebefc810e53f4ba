using Guardrail.Cli.Reports;
using Guardrail.Core.Paths;

namespace Guardrail.Cli;

/// <summary>
/// <c>check path</c>'s answer, through the shared report (<see cref="PathReports"/>). Text: the path as one line of
/// hops with a mark each (✓ ok, ! at-risk, ✗ breaks, ? unchecked), so the cut is seen at a glance; the verdict; then
/// the findings grouped by hop, each hop's report capped (one line counts what it left out). JSON:
/// <c>schemaVersion</c>, <c>verdict</c>, <c>security</c>, every hop in path order with its status, findings and
/// <c>findingsOmitted</c>, the findings flat, <c>requestsEvaluated</c>, <c>findingsOmitted</c> in all, and
/// <c>locations</c>: the classes of table locations judged and how many locations they stand for.
/// </summary>
public static class PathOutput
{
    /// <summary>The mark of a hop status.</summary>
    public static string Mark(HopStatus status) => status switch
    {
        HopStatus.Ok => "✓",
        HopStatus.AtRisk => "!",
        HopStatus.Breaks => "✗",
        _ => "?",
    };

    /// <summary>Writes the verdict for people; <paramref name="subject"/> says what is read by whom.</summary>
    public static void WriteText(TextWriter output, PathVerdict verdict, string subject, bool colour) =>
        ReportTextWriter.Write(output, PathReports.From(verdict, subject, inputFile: null), colour);

    /// <summary>The verdict as the JSON contract (one object, indented).</summary>
    public static string ToJson(PathVerdict verdict) => ReportJsonWriter.Write(PathReports.From(verdict, string.Empty, inputFile: null));

    /// <summary>A hop status's mark, coloured when colouring.</summary>
    internal static string Painted(HopStatus status, bool colour) => VerdictTextWriter.Paint(Mark(status), status switch
    {
        HopStatus.Ok => VerdictTextWriter.Green,
        HopStatus.AtRisk => VerdictTextWriter.Yellow,
        HopStatus.Breaks => VerdictTextWriter.Bold + VerdictTextWriter.Red,
        _ => VerdictTextWriter.Dim,
    }, colour);
}
