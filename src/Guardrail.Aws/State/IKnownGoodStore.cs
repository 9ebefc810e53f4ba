namespace Guardrail.Aws.State;

/// <summary>The last policy of each resource the guardrail judged <c>ok</c>: what a rollback restores.</summary>
public interface IKnownGoodStore
{
    Task<KnownGoodPolicy?> GetKnownGoodAsync(string resourceKey, CancellationToken cancellationToken);

    Task PutKnownGoodAsync(KnownGoodPolicy knownGood, CancellationToken cancellationToken);
}
