using Guardrail.Aws.State;
using Guardrail.Core.Changes;
using Guardrail.Core.Findings;
using Guardrail.Core.Policies;

namespace Guardrail.Functions.Processing;

/// <summary>A state as judged: its text, parsed policy (null for states that are not one policy), hash and verdict.</summary>
public sealed record Judgement(string? Text, PolicyDocument? Policy, string Hash, Verdict Verdict)
{
    /// <summary>Spectrum can read and nothing is weaker than AWS recommends: the policy may become known-good.</summary>
    public bool IsOk => Verdict.Access == AccessVerdict.Ok && Verdict.Security == SecurityVerdict.Ok;

    /// <summary>For a whole access path, each hop's status in one line (shown in alerts); null for a single policy.</summary>
    public string? PathLine { get; init; }

    /// <summary>For a whole access path, each hop's judgement; null for a single policy.</summary>
    public IReadOnlyList<Guardrail.Core.Paths.HopResult>? Hops { get; init; }
}

/// <summary>
/// The one judging step every caller shares (event processor, drift scan, dry run):
/// read → parse → hash → evaluate → is-ok → diff against the known-good policy.
/// </summary>
public static class Judging
{
    /// <summary>Parses, hashes and evaluates the state's text (null is "no policy").</summary>
    public static Judgement Judge(IPolicyKind kind, string? text) => kind.Judge(text);

    /// <summary>Reads the live policy and judges it.</summary>
    public static async Task<Judgement> ReadAndJudgeAsync(GuardedResource resource, CancellationToken cancellationToken) =>
        Judge(resource.Kind, await resource.Store.ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The hash of the live policy, read now (no evaluation).</summary>
    public static async Task<string> ReadHashAsync(GuardedResource resource, CancellationToken cancellationToken) =>
        resource.Kind.HashOf(await resource.Store.ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>What changed in the judged policy since the known-good one (everything, when none is recorded).</summary>
    public static IReadOnlyList<StatementChange> Diff(IPolicyKind kind, KnownGoodPolicy? knownGood, Judgement judgement) =>
        kind.Diff(knownGood?.PolicyText, knownGood is not null, judgement);
}
