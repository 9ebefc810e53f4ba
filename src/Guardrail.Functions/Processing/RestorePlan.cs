namespace Guardrail.Functions.Processing;

/// <summary>
/// Whether a rollback may write, decided before anything is written by judging the state it would leave live with
/// the same core, and why not. One rule for every kind: the guardrail writes only what it judges ok for Spectrum and
/// not weakened, and only where the change it undoes is what broke the path.
/// </summary>
/// <param name="Refusal">Why not (<see cref="OutcomeReason.None"/> when allowed).</param>
/// <param name="Why">The refusal in words.</param>
public sealed record RestorePlan(OutcomeReason Refusal, string? Why)
{
    public static RestorePlan Allowed { get; } = new(OutcomeReason.None, null);

    public bool IsAllowed => Refusal == OutcomeReason.None;

    public static RestorePlan Refuse(OutcomeReason reason, string why) => new(reason, why);

    /// <summary>The refusal for a state that, judged now, is not ok: it is never written.</summary>
    public static RestorePlan NotOk(string what, Judgement judged)
    {
        ArgumentNullException.ThrowIfNull(judged);
        var rules = string.Join(", ", judged.Verdict.Findings.Where(f => f.Severity > Core.Findings.Severity.Info).Select(f => f.Rule).Distinct().Take(5));
        return Refuse(
            OutcomeReason.KnownGoodNotOk,
            $"{what} is judged {Core.Findings.VerdictText.ToText(judged.Verdict.Access)} for Spectrum and {Core.Findings.VerdictText.ToText(judged.Verdict.Security)} for security now"
            + (rules.Length > 0 ? $" ({rules})" : string.Empty)
            + "; the guardrail writes only what it judges ok, so nothing was written");
    }
}
