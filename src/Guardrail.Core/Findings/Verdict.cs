namespace Guardrail.Core.Findings;

/// <summary>Can Spectrum still read? <c>ok</c>, <c>at-risk</c> (only under facts we cannot know) or <c>breaks</c>.</summary>
public enum AccessVerdict
{
    Ok,
    AtRisk,
    Breaks,
}

/// <summary>Is the policy still as locked down as the seed recommends?</summary>
public enum SecurityVerdict
{
    Ok,
    Weakened,
}

/// <summary>How urgent a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing, not a weakness: does not make the security verdict <c>weakened</c>.</summary>
    Info,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Whether a finding is about Spectrum's access or about the policy's security.</summary>
public enum FindingKind
{
    Access,
    Security,
}

/// <summary>One explained problem: a stable rule id, the statement responsible, what happens and how to fix it.</summary>
/// <param name="Rule">A stable id such as <c>vpce-restriction</c> (see <see cref="RuleIds"/>).</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Kind">Access or security.</param>
/// <param name="Statement">The statement's Sid, else <c>Statement[i]</c>; <c>(policy)</c> when no statement is responsible.</param>
/// <param name="Message">One line: what happens and why.</param>
/// <param name="Fix">What to change, following the seed's guidance.</param>
public sealed record Finding(string Rule, Severity Severity, FindingKind Kind, string Statement, string Message, string Fix);

/// <summary>The guardrail's answer for one policy.</summary>
/// <param name="Access">Spectrum's access.</param>
/// <param name="Security">The policy's security.</param>
/// <param name="Findings">Access findings first, then security findings.</param>
/// <param name="RequestsEvaluated">How many request shapes were evaluated to reach it.</param>
public sealed record Verdict(AccessVerdict Access, SecurityVerdict Security, IReadOnlyList<Finding> Findings, int RequestsEvaluated)
{
    /// <summary>The findings about Spectrum's access.</summary>
    public IEnumerable<Finding> AccessFindings => Findings.Where(f => f.Kind == FindingKind.Access);

    /// <summary>The findings about security.</summary>
    public IEnumerable<Finding> SecurityFindings => Findings.Where(f => f.Kind == FindingKind.Security);
}

/// <summary>Text forms used in JSON output, alerts and CLI exit codes.</summary>
public static class VerdictText
{
    public static string ToText(this AccessVerdict verdict) => verdict switch
    {
        AccessVerdict.Ok => "ok",
        AccessVerdict.AtRisk => "at-risk",
        _ => "breaks",
    };

    public static string ToText(this SecurityVerdict verdict) => verdict == SecurityVerdict.Ok ? "ok" : "weakened";

    public static string ToText(this Severity severity) => severity.ToString().ToLowerInvariant();

    public static string ToText(this FindingKind kind) => kind.ToString().ToLowerInvariant();
}
