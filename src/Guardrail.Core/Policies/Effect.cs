namespace Guardrail.Core.Policies;

/// <summary>The effect of a policy statement.</summary>
public enum Effect
{
    Allow,
    Deny,
}
