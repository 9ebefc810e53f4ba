using Guardrail.Core.Changes;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>
/// What kind of state a protected resource has and how it is judged: a bucket's policy, a Spectrum role's trust
/// policy, or a whole access path (its snapshot). Pure: no AWS call; <see cref="IPolicyStore"/> reads and writes the
/// live state as text.
/// </summary>
public interface IPolicyKind
{
    /// <summary>The state-table key, e.g. <c>bucket#my-lake</c>.</summary>
    string Key { get; }

    /// <summary><c>bucket-policy</c>, <c>trust-policy</c> or <c>access-path</c>.</summary>
    string Type { get; }

    /// <summary>How people know it: <c>s3://my-lake</c>, the role ARN, or the path's roles and buckets.</summary>
    string Name { get; }

    /// <summary>The account the resource is in (organization mode, where it is read with that account's member role); null in single-account mode.</summary>
    string? Account => null;

    /// <summary>The names of the configured paths the resource is on (organization mode: what alerts name); empty when not known.</summary>
    IReadOnlyList<string> Paths => [];

    /// <summary>The kind of change a rollback would undo (a <c>GUARDRAIL_ROLLBACK</c> kind); null when it is never restored.</summary>
    string? RestoreKind { get; }

    /// <summary>Why a change of this resource is alerted and never restored (when <see cref="RestoreKind"/> is null).</summary>
    string? NoRestoreReason { get; }

    /// <summary>Parses, hashes and evaluates the live state's text (null: a bucket with no policy).</summary>
    Judgement Judge(string? text);

    /// <summary>The hash of the state's text, without evaluating it.</summary>
    string HashOf(string? text);

    /// <summary>What changed since the known-good state (everything, when <paramref name="knownGood"/> is null).</summary>
    IReadOnlyList<StatementChange> Diff(string? knownGood, bool knownGoodRecorded, Judgement current);

    /// <summary>
    /// What rolling back to <paramref name="knownGoodText"/> would leave live, judged, or why it must not be done:
    /// re-judged right before any write, so a known-good that is not ok (planted, or judged by older rules) is never
    /// written, and a path restores only the hop <paramref name="change"/> changed, and only when that hop is what broke.
    /// </summary>
    RestorePlan PlanRestore(string? knownGoodText, Judgement current, PolicyChangeEvent change);

    /// <summary>
    /// When the event is evidence that Spectrum is failing now (a read its role made failed), what it shows; null for a
    /// change. Such an event is judged although its call failed, and always alerted, even when the state judges ok.
    /// </summary>
    string? FailureEvidence => null;

    /// <summary>The hash of the state the event itself set, when the event carries it (a hint that a newer change exists); else null.</summary>
    string? EventHash(PolicyChangeEvent change);
}
