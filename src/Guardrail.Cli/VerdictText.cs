using Guardrail.Core.Findings;
using Guardrail.Core.Text;

namespace Guardrail.Cli;

/// <summary>The verdict for people: the answer first, then each finding with its statement and the fix.</summary>
public static class VerdictTextWriter
{
    private const string Reset = "\u001b[0m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";

    public static void Write(TextWriter output, Verdict verdict, string subject, bool colour)
    {
        string Paint(string text, string code) => colour ? code + text + Reset : text;

        var (headline, code) = verdict.Access switch
        {
            AccessVerdict.Ok => ("OK", Green),
            AccessVerdict.AtRisk => ("AT RISK", Yellow),
            _ => ("BREAKS", Red),
        };
        var meaning = verdict.Access switch
        {
            AccessVerdict.Ok => "Redshift Spectrum can still read",
            AccessVerdict.AtRisk => "Redshift Spectrum may be unable to read, depending on facts the guardrail cannot know, for",
            _ => "Redshift Spectrum cannot read",
        };
        output.WriteLine($"{Paint(headline, Bold + code)}  {meaning} {SafeText.Line(subject)}");
        output.WriteLine(verdict.Security == SecurityVerdict.Ok
            ? $"security: {Paint("ok", Green)}"
            : $"security: {Paint("weakened", Bold + Red)}");

        foreach (var group in verdict.Findings.GroupBy(f => f.Kind))
        {
            output.WriteLine();
            output.WriteLine(group.Key == FindingKind.Access ? "Access findings:" : "Security findings:");
            foreach (var finding in group)
            {
                var severityColour = finding.Severity >= Severity.High ? Red : finding.Severity == Severity.Info ? Dim : Yellow;
                // Sids and values come from the policy: escaped, so a policy cannot paint the terminal or add lines.
                output.WriteLine($"  {Paint($"[{finding.Severity.ToText()}]", severityColour)} {Paint(finding.Rule, Bold)}  in {SafeText.Echo(finding.Statement)}");
                output.WriteLine($"      {SafeText.Line(finding.Message)}");
                output.WriteLine($"      {Paint("fix:", Dim)} {SafeText.Line(finding.Fix)}");
            }
        }
    }
}
