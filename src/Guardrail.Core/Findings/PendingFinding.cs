namespace Guardrail.Core.Findings;

/// <summary>
/// A finding whose message is not built yet: everything that decides whether it is kept (rule, severity, kind,
/// statement) without the text, which is paid for only by <see cref="Build"/>. A report that keeps a few of many
/// findings builds the text of those few.
/// </summary>
/// <param name="Rule">The rule id.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Kind">Access or security.</param>
/// <param name="Statement">The statement responsible.</param>
/// <param name="Message">Builds the message; null when <paramref name="Built"/> is given.</param>
/// <param name="Built">The finding, when it came built.</param>
internal sealed record PendingFinding(string Rule, Severity Severity, FindingKind Kind, string Statement, Func<string>? Message, Finding? Built)
{
    /// <summary>The fix for this very finding, when it says more than the rule's (<see cref="Fixes.For"/>).</summary>
    public string? Fix { get; init; }

    /// <summary>A finding that came built.</summary>
    public static PendingFinding Of(Finding finding) => new(finding.Rule, finding.Severity, finding.Kind, finding.Statement, null, finding);

    /// <summary>The finding, its message built now (with the rule's fix) unless it came built; severity and statement as given here.</summary>
    public Finding Build() => Built switch
    {
        null => new Finding(Rule, Severity, Kind, Statement, Message!(), Fix ?? Fixes.For(Rule)),
        { } built when built.Severity == Severity && built.Statement == Statement && (Fix is null || built.Fix == Fix) => built,
        { } built => built with { Severity = Severity, Statement = Statement, Fix = Fix ?? built.Fix },
    };
}
