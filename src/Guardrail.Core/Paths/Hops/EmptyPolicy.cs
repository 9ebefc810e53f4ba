using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Hops;

/// <summary>"No policy": a document without statements, which grants nothing and denies nothing.</summary>
internal static class EmptyPolicy
{
    public static PolicyDocument Instance { get; } = new(PolicyDocument.CurrentVersion, null, [], "{}");
}
