using Guardrail.Core.Changes;
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

    public string? RestoreKind => trigger.RestoreKind;

    public string? NoRestoreReason => trigger.NoRestoreReason is { } why ? $"{trigger.EventName} is alerted, never rolled back: {why}" : null;

    public Judgement Judge(string? text)
    {
        var snapshot = Read(text);
        var verdict = PathEvaluator.Evaluate(snapshot, time.GetUtcNow());
        return new Judgement(text, null, PathEnvelope.HashOf(text), verdict.AsVerdict()) { PathLine = verdict.Line };
    }

    public string HashOf(string? text) => PathEnvelope.HashOf(text);

    public IReadOnlyList<StatementChange> Diff(string? knownGood, bool knownGoodRecorded, Judgement current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return SnapshotDiff.Compare(knownGoodRecorded && knownGood is not null ? Read(knownGood) : null, Read(current.Text));
    }

    public string? EventHash(PolicyChangeEvent change) => null;

    private static PathSnapshot Read(string? text) =>
        SnapshotReader.Read(PathEnvelope.Parse(text ?? throw new InvalidDataException("a path always has a state")).Snapshot.ToJsonString());
}
