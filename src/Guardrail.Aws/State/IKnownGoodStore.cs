namespace Guardrail.Aws.State;

/// <summary>The last policy of each resource the guardrail judged <c>ok</c>: what a rollback restores.</summary>
public interface IKnownGoodStore
{
    /// <summary>The recorded known-good state, when its MAC verifies; a record without a valid MAC is reported, never returned.</summary>
    Task<StateRead<KnownGoodPolicy>> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken);

    Task PutKnownGoodAsync(KnownGoodPolicy knownGood, CancellationToken cancellationToken);
}
