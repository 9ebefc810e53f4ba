namespace Guardrail.Aws.State;

/// <summary>
/// The last policy of a resource the guardrail judged <c>ok</c>: what a rollback restores.
/// <paramref name="PolicyText"/> is null when the known-good state is "no policy".
/// </summary>
public sealed record KnownGoodPolicy(string ResourceKey, string? PolicyText, string Hash, string EventId, DateTimeOffset Time, string Actor);
