namespace Guardrail.Functions.Processing;

/// <summary>A protected resource: how its policy is judged and where the live policy lives.</summary>
public sealed record GuardedResource(IPolicyKind Kind, IPolicyStore Store);
