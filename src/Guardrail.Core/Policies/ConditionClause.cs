namespace Guardrail.Core.Policies;

/// <summary>One operator/key pair of a Condition block with the values it lists (as policy text).</summary>
public sealed record ConditionClause(ConditionOperator Operator, string Key, IReadOnlyList<string> Values);
