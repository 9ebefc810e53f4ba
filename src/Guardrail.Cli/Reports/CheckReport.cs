using Guardrail.Core.Findings;

namespace Guardrail.Cli.Reports;

/// <summary>
/// What every <c>guardrail check</c> command reports, in one shape the writers (text, json, sarif, junit) take as it
/// is: the command, what was judged, both verdicts as judged, and the findings with where they are and whether an
/// exception accepts them. A command builds one and hands it to <see cref="ReportWriter"/>; nothing else is needed.
/// </summary>
/// <param name="Command">The command: <c>bucket-policy</c>, <c>trust-policy</c>, <c>path</c>, <c>change</c>.</param>
/// <param name="Subject">What is read by whom, for the headline: <c>s3://lake as arn:…:role/spectrum</c>.</param>
/// <param name="Access">Spectrum's access as judged (before exceptions).</param>
/// <param name="Security">The security verdict as judged (before exceptions).</param>
/// <param name="Findings">The reported findings, in the order they are shown.</param>
public sealed record CheckReport(string Command, string Subject, AccessVerdict Access, SecurityVerdict Security, IReadOnlyList<ReportedFinding> Findings)
{
    /// <summary>The version of the JSON output's shape (<c>schemaVersion</c>, docs/check-output.schema.json).</summary>
    public const int SchemaVersion = 1;

    /// <summary>How many request decisions the judgement took.</summary>
    public int RequestsEvaluated { get; init; }

    /// <summary>The judged input file as given on the command line (SARIF's artifact); null for standard input.</summary>
    public string? InputFile { get; init; }

    /// <summary>
    /// Names every finding is about (the bucket, the role ARN), which an exception's <c>resource</c> may give; a
    /// finding's own document and location resource are names too.
    /// </summary>
    public IReadOnlyList<string> ResourceNames { get; init; } = [];

    /// <summary>The JSON output's <c>resource</c> object, in order; empty: no <c>resource</c> property.</summary>
    public IReadOnlyList<ReportProperty> Resource { get; init; } = [];

    /// <summary>The hops of <c>check path</c>, in path order; null for commands that judge no path.</summary>
    public IReadOnlyList<ReportedHop>? Hops { get; init; }

    /// <summary><c>check path</c>'s table location counts (JSON <c>locations</c>); null otherwise.</summary>
    public LocationsJudged? Locations { get; init; }

    /// <summary><c>check change</c>: how many proposed changes edit the path and how many touch nothing on it; null otherwise.</summary>
    public ChangesJudged? Changes { get; init; }

    /// <summary>Whether an exceptions list was given (then the JSON output has <c>exceptions</c>).</summary>
    public bool ExceptionsApplied { get; init; }

    /// <summary>Exceptions in force that matched no finding (reported, not a failure).</summary>
    public IReadOnlyList<Core.Findings.Exceptions.FindingException> UnusedExceptions { get; init; } = [];

    /// <summary>How many findings the report left out (capped hops); the verdicts count them.</summary>
    public int FindingsOmitted => Hops?.Sum(h => h.FindingsOmitted) ?? 0;
}

/// <summary>How many of the input's proposed changes edit the path, and how many touch only resources it does not use.</summary>
public sealed record ChangesJudged(int OnPath, int OffPath);

/// <summary>How many classes of table locations were judged, standing for how many locations.</summary>
public sealed record LocationsJudged(int Classes, int Tables);
