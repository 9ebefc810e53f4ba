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

    /// <summary>Parses, hashes and evaluates the live state's text (null: a bucket with no policy).</summary>
    Judgement Judge(string? text);

    /// <summary>The hash of the state's text, without evaluating it.</summary>
    string HashOf(string? text);

    /// <summary>What changed since the known-good state (everything, when <paramref name="knownGood"/> is null).</summary>
    IReadOnlyList<StatementChange> Diff(string? knownGood, bool knownGoodRecorded, Judgement current);

    /// <summary>The hash of the state the event itself set, when the event carries it (a hint that a newer change exists); else null.</summary>
    string? EventHash(PolicyChangeEvent change);
}
