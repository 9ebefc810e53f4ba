using Guardrail.Core.Findings;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>The verdict for people: the answer first, then each finding with its statement and the fix.</summary>
public static class VerdictTextWriter
{
    internal const string Red = "\u001b[31m";
    internal const string Yellow = "\u001b[33m";
    internal const string Green = "\u001b[32m";
    internal const string Bold = "\u001b[1m";
    internal const string Dim = "\u001b[2m";

    private const string Reset = "\u001b[0m";

    /// <summary><paramref name="text"/> in the terminal colour <paramref name="code"/>, when colouring.</summary>
    internal static string Paint(string text, string code, bool colour) => colour ? code + text + Reset : text;

    /// <summary>The answer (<c>OK</c>, <c>AT RISK</c>, <c>BREAKS</c>) with what it means for <paramref name="subject"/>, then the security line.</summary>
    internal static void WriteHeadline(TextWriter output, AccessVerdict access, SecurityVerdict security, string subject, bool colour)
    {
        var (headline, code) = access switch
        {
            AccessVerdict.Ok => ("OK", Green),
            AccessVerdict.AtRisk => ("AT RISK", Yellow),
            _ => ("BREAKS", Red),
        };
        var meaning = access switch
        {
            AccessVerdict.Ok => "Redshift Spectrum can still read",
            AccessVerdict.AtRisk => "Redshift Spectrum may be unable to read, depending on facts the guardrail cannot know, for",
            _ => "Redshift Spectrum cannot read",
        };
        output.WriteLine($"{Paint(headline, Bold + code, colour)}  {meaning} {SafeText.Line(subject)}");
        output.WriteLine(security == SecurityVerdict.Ok
            ? $"security: {Paint("ok", Green, colour)}"
            : $"security: {Paint("weakened", Bold + Red, colour)}");
    }

    /// <summary>
    /// One finding in three lines: severity, rule and <paramref name="where"/> (already escaped), then the message,
    /// then the fix. Messages come from documents: escaped, so a policy cannot paint the terminal or add lines.
    /// </summary>
    internal static void WriteFinding(TextWriter output, Finding finding, string where, string indent, bool colour)
    {
        var severityColour = finding.Severity >= Severity.High ? Red : finding.Severity == Severity.Info ? Dim : Yellow;
        output.WriteLine($"{indent}{Paint($"[{finding.Severity.ToText()}]", severityColour, colour)} {Paint(finding.Rule, Bold, colour)}  in {where}");
        output.WriteLine($"{indent}    {SafeText.Line(finding.Message)}");
        output.WriteLine($"{indent}    {Paint("fix:", Dim, colour)} {SafeText.Line(finding.Fix)}");
    }
}
