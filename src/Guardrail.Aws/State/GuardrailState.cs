namespace Guardrail.Aws.State;

/// <summary>What the guardrail remembers between invocations, by concern; one DynamoDB table backs all four.</summary>
public sealed record GuardrailState(IEventClaims Claims, IKnownGoodStore KnownGood, IRollbackHistory Rollbacks, IAlertOutbox Outbox)
{
    /// <summary>One store that serves every concern (the DynamoDB table, or a test's in-memory fake).</summary>
    public static GuardrailState Of<T>(T store)
        where T : IEventClaims, IKnownGoodStore, IRollbackHistory, IAlertOutbox =>
        new(store, store, store, store);
}
