using Guardrail.Core.Findings;

namespace Guardrail.Core.Paths;

/// <summary>A finding on the path: the hop, the document it is about, and the finding itself.</summary>
/// <param name="Hop">The hop it belongs to.</param>
/// <param name="Document">The document: <c>role/NAME inline policy s3</c>, a policy ARN, a key ARN, <c>SCP level 2 of 111122223333</c>...</param>
/// <param name="Finding">Rule, severity, statement, message and fix.</param>
public sealed record PathFinding(HopKind Hop, string Document, Finding Finding);

/// <summary>One hop's judgement.</summary>
/// <param name="Hop">Which hop.</param>
/// <param name="Status">Its status; <see cref="HopStatus.Unchecked"/> when its inputs were missing.</param>
/// <param name="Findings">Why (for unchecked hops: info findings naming the missing input); at most the path's cap of them.</param>
public sealed record HopResult(HopKind Hop, HopStatus Status, IReadOnlyList<PathFinding> Findings)
{
    /// <summary>How many more findings the hop had than it reports (the report is capped; the status counts them all).</summary>
    public int FindingsOmitted { get; init; }

    /// <summary>Whether a finding left out is a security finding above info (the security verdict counts it).</summary>
    public bool OmittedWeakensSecurity { get; init; }

    /// <summary>Whether the hop has a security finding above info, reported or not.</summary>
    public bool WeakensSecurity => OmittedWeakensSecurity || Findings.Any(f => f.Finding.Kind == FindingKind.Security && f.Finding.Severity > Severity.Info);
}

/// <summary>The guardrail's answer for a whole access path.</summary>
/// <param name="Access">The worst checked hop: breaks &gt; at-risk &gt; ok.</param>
/// <param name="Security">Weakened when any document on the path has a security finding above info (reported or not).</param>
/// <param name="Hops">Every hop, in path order.</param>
/// <param name="RequestsEvaluated">How many (statement part, cell) decisions it took.</param>
public sealed record PathVerdict(AccessVerdict Access, SecurityVerdict Security, IReadOnlyList<HopResult> Hops, int RequestsEvaluated)
{
    /// <summary>The table locations judged: how many classes stood for how many locations (S3 data reads, every reading role).</summary>
    public LocationCounts Locations { get; init; } = new(0, 0);

    /// <summary>Every reported finding of every hop, in path order.</summary>
    public IEnumerable<PathFinding> Findings => Hops.SelectMany(h => h.Findings);

    /// <summary>How many findings the hops left out of their reports, in all.</summary>
    public int FindingsOmitted => Hops.Sum(h => h.FindingsOmitted);

    /// <summary>
    /// The path as one verdict (for alerts and the functions' judging step): each finding's statement becomes
    /// "<c>hop: document: statement</c>", and findings come most severe first (access, then security), as a single policy's do.
    /// </summary>
    public Verdict AsVerdict() => new(
        Access,
        Security,
        [.. Findings.Select(f => f.Finding with { Statement = $"{f.Hop.ToText()}: {f.Document}: {f.Finding.Statement}" })
            .OrderBy(f => f.Kind).ThenByDescending(f => f.Severity)],
        RequestsEvaluated);

    /// <summary>The path in one line: <c>trust ok, association ok, identity breaks, ...</c>.</summary>
    public string Line => string.Join(", ", Hops.Select(h => $"{h.Hop.ToText()} {h.Status.ToText()}"));
}

/// <summary>How many classes of table locations were judged, and how many locations they stand for.</summary>
/// <param name="Classes">Locations judged, one per class that no policy on the path tells apart.</param>
/// <param name="Tables">Locations those classes stand for.</param>
public sealed record LocationCounts(int Classes, int Tables);
