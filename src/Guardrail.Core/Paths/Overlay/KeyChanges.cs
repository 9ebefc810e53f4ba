using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Overlay;

/// <summary>A KMS key's policy (<c>AWS::KMS::Key.KeyPolicy</c>, <c>aws_kms_key.policy</c>); a key the input creates has a placeholder ARN that a bucket's encryption names.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="KeyArn">The key's ARN (or the alias ARN the bucket's encryption names).</param>
/// <param name="Policy">The proposed key policy (a key always has one: removed is unknown).</param>
public sealed record KeyPolicyChange(ChangeSource Source, string KeyArn, Proposed<PolicyText> Policy) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Key];

    public override string Subject => KeyArn;

    // After the buckets: a new key is on the path only if a bucket's (proposed) encryption names it.
    internal override int Phase => 2;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditKey(KeyArn, facts => facts with
    {
        Policy = overlay.Policy(this, Policy, PolicyKind.Bucket, HopKind.Key, "key policy"),
    });
}

/// <summary>A KMS key's state: <c>Enabled</c> false is <c>Disabled</c>, a deleted key is <c>PendingDeletion</c>.</summary>
/// <param name="Source">Where the input proposes it.</param>
/// <param name="KeyArn">The key's ARN (or alias ARN).</param>
/// <param name="State">The key state as KMS names it.</param>
public sealed record KeyStateChange(ChangeSource Source, string KeyArn, Proposed<string> State) : ProposedChange(Source)
{
    public override IReadOnlyList<HopKind> Hops => [HopKind.Key];

    public override string Subject => KeyArn;

    internal override int Phase => 2;

    internal override bool ApplyTo(OverlayBuilder overlay) => overlay.EditKey(KeyArn, facts => facts with
    {
        State = State switch
        {
            Proposed<string>.Set set => set.Value,
            Proposed<string>.Removed => "PendingDeletion",
            Proposed<string>.Unknown unknown => overlay.Unresolved<string>(this, unknown, HopKind.Key),
            _ => throw new InvalidOperationException(State.GetType().Name),
        },
    });
}
