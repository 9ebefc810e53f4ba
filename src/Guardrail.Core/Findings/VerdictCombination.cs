namespace Guardrail.Core.Findings;

/// <summary>Combines the verdicts of one policy for several Spectrum roles: the worst access, any weakening, all findings.</summary>
public static class VerdictCombination
{
    public static Verdict Combine(IReadOnlyList<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        if (verdicts.Count == 1)
        {
            return verdicts[0];
        }

        var findings = new FindingCollector();
        foreach (var verdict in verdicts)
        {
            findings.AddRange(verdict.Findings);
        }

        return new Verdict(
            verdicts.Count == 0 ? AccessVerdict.Ok : verdicts.Max(v => v.Access),
            verdicts.Any(v => v.Security == SecurityVerdict.Weakened) ? SecurityVerdict.Weakened : SecurityVerdict.Ok,
            findings.ToList(),
            verdicts.Sum(v => v.RequestsEvaluated));
    }
}
