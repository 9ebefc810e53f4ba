namespace Guardrail.Core.Policies;

/// <summary>One statement of a policy, with its position so findings can name it even without a Sid.</summary>
public sealed record Statement(
    int Index,
    string? Sid,
    Effect Effect,
    PrincipalBlock? Principal,
    ActionBlock Action,
    ResourceBlock? Resource,
    IReadOnlyList<ConditionClause> Conditions)
{
    /// <summary>How findings refer to this statement: its Sid, else its position.</summary>
    public string Label => string.IsNullOrEmpty(Sid) ? $"Statement[{Index}]" : Sid;
}

/// <summary><c>Action</c> or <c>NotAction</c>.</summary>
public sealed record ActionBlock(bool Negated, IReadOnlyList<string> Patterns);

/// <summary><c>Resource</c> or <c>NotResource</c>.</summary>
public sealed record ResourceBlock(bool Negated, IReadOnlyList<string> Patterns);

/// <summary><c>Principal</c> or <c>NotPrincipal</c>.</summary>
public sealed record PrincipalBlock(bool Negated, PrincipalSpec Spec);
