using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Changes;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Functions.Events;
using Guardrail.Functions.Processing;

namespace Guardrail.Functions.Paths;

/// <summary>
/// A whole access path as a guarded resource: its state is the collected snapshot (in a <see cref="PathEnvelope"/>),
/// judged by the core's <see cref="PathEvaluator"/>; its known-good state is the last snapshot whose path was ok; what
/// a rollback restores is the one hop the event changed (<see cref="RestoreKind"/>).
/// </summary>
public sealed class AccessPathKind(PathTarget target, AccessEvent trigger, TimeProvider time) : IPolicyKind
{
    public PathTarget Target => target;

    public AccessEvent Trigger => trigger;

    public string Key => target.Key;

    public string Type => "access-path";

    public string Name => target.Name;

    public IReadOnlyList<string> Paths => target.Named ? [target.PathName] : [];

    public string? RestoreKind => trigger.RestoreKind;

    public string? FailureEvidence => trigger.FailureEvidence;

    public string? NoRestoreReason => trigger.NoRestoreReason is { } why ? $"{trigger.EventName} is alerted, never rolled back: {why}" : null;

    public Judgement Judge(string? text)
    {
        var snapshot = Read(text);
        var verdict = PathEvaluator.Evaluate(snapshot, time.GetUtcNow());
        return new Judgement(text, null, PathEnvelope.HashOf(text), verdict.AsVerdict()) { PathLine = verdict.Line, Hops = verdict.Hops };
    }

    public string HashOf(string? text) => PathEnvelope.HashOf(text);

    public IReadOnlyList<StatementChange> Diff(string? knownGood, bool knownGoodRecorded, Judgement current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return SnapshotDiff.Compare(knownGoodRecorded && knownGood is not null ? Read(knownGood) : null, Read(current.Text));
    }

    public RestorePlan PlanRestore(string? knownGoodText, Judgement current, PolicyChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(change);
        var hops = RestoreHops.Of(trigger.RestoreKind ?? throw new InvalidOperationException($"{trigger.EventName} is never restored"));
        var knownGood = Judge(knownGoodText);
        var causes = hops.Where(h => Status(knownGood, h) != HopStatus.Breaks && Status(current, h) == HopStatus.Breaks).ToList();
        if (causes.Count == 0)
        {
            var broken = (current.Hops ?? []).Where(h => h.Status == HopStatus.Breaks).Select(h => h.Hop.ToText()).ToList();
            return RestorePlan.Refuse(
                OutcomeReason.OtherCause,
                $"the path breaks on the {Words(broken)} hop, but {trigger.EventName} changed what the {Words(hops.Select(h => h.ToText()))} hop judges, and none of those went from not breaking in the known-good state to breaking now: the break was caused by another change, so nothing was restored (that change is alerted by its own event; fix it by hand)");
        }

        var after = Judge(RestoredState.Overlay(trigger, change, target.Chain, PathEnvelope.Parse(knownGoodText!), PathEnvelope.Parse(current.Text!)).ToText());
        if (hops.Select(h => (HopKind?)h).FirstOrDefault(h => Rank(Status(after, h!.Value)) > Rank(Status(knownGood, h!.Value))) is { } worse)
        {
            return RestorePlan.Refuse(
                OutcomeReason.KnownGoodNotOk,
                $"putting back what {trigger.EventName} changed would leave the {worse.ToText()} hop {Status(after, worse).ToText()}, worse than in the known-good state ({Status(knownGood, worse).ToText()}); the guardrail writes only what it judges ok, so nothing was written");
        }

        var weakenedNow = SecurityFindings(current, hops).ToHashSet();
        if (SecurityFindings(after, hops).FirstOrDefault(f => !weakenedNow.Contains(f)) is { } weakening)
        {
            return RestorePlan.Refuse(
                OutcomeReason.KnownGoodNotOk,
                $"the known-good {trigger.RestoreKind} would weaken the path ({weakening}); the guardrail never writes what it judges weakened, so nothing was written");
        }

        return RestorePlan.Allowed;
    }

    public string? EventHash(PolicyChangeEvent change) => null;

    private static HopStatus Status(Judgement judgement, HopKind hop) =>
        judgement.Hops?.FirstOrDefault(h => h.Hop == hop)?.Status ?? HopStatus.Unchecked;

    // Unchecked is not known to work: ranked with at-risk.
    private static int Rank(HopStatus status) => status switch
    {
        HopStatus.Ok => 0,
        HopStatus.Breaks => 2,
        _ => 1,
    };

    private static IEnumerable<string> SecurityFindings(Judgement judgement, IReadOnlyList<HopKind> hops) =>
        (judgement.Hops ?? []).Where(h => hops.Contains(h.Hop)).SelectMany(h => h.Findings)
            .Where(f => f.Finding.Kind == FindingKind.Security && f.Finding.Severity > Severity.Info)
            .Select(f => $"{f.Hop.ToText()}: {f.Document}: {f.Finding.Statement}: {f.Finding.Rule}");

    private static string Words(IEnumerable<string> names) => string.Join(", ", names) is { Length: > 0 } text ? text : "(no)";

    private static PathSnapshot Read(string? text) => LivePath.Snapshot(text);
}
