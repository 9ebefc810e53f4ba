namespace Guardrail.Core.Findings;

/// <summary>
/// A <see cref="Verdict"/> whose findings' messages are not built yet (<see cref="PendingFinding"/>): what a hop of
/// the path takes from a single-document evaluator, so that a report capped to a few findings builds only those.
/// </summary>
/// <param name="Access">Spectrum's access.</param>
/// <param name="Security">The policy's security.</param>
/// <param name="Findings">Access findings first, then security findings, as <see cref="Verdict.Findings"/>.</param>
/// <param name="RequestsEvaluated">How many request shapes were evaluated to reach it.</param>
internal sealed record PendingVerdict(AccessVerdict Access, SecurityVerdict Security, IReadOnlyList<PendingFinding> Findings, int RequestsEvaluated)
{
    /// <summary>The findings about Spectrum's access.</summary>
    public IEnumerable<PendingFinding> AccessFindings => Findings.Where(f => f.Kind == FindingKind.Access);

    /// <summary>The findings about security.</summary>
    public IEnumerable<PendingFinding> SecurityFindings => Findings.Where(f => f.Kind == FindingKind.Security);

    /// <summary>The verdict, every message built.</summary>
    public Verdict Build() => new(Access, Security, [.. Findings.Select(f => f.Build())], RequestsEvaluated);
}
