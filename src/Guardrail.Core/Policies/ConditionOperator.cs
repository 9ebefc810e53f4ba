namespace Guardrail.Core.Policies;

/// <summary>The family of comparison an operator performs.</summary>
public enum OperatorFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

/// <summary>The comparison within a family.</summary>
public enum OperatorKind
{
    Equals,
    NotEquals,
    Like,
    NotLike,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

/// <summary>How a multivalued request key is compared.</summary>
public enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>A condition operator as written, decomposed into what it does.</summary>
public sealed record ConditionOperator(
    string Name,
    OperatorFamily Family,
    OperatorKind Kind,
    bool IgnoreCase,
    bool IfExists,
    SetQualifier Qualifier)
{
    /// <summary>Negated operators (<c>StringNotEquals</c>, <c>NotIpAddress</c>, ...) are true when the key is missing.</summary>
    public bool IsNegated => Kind is OperatorKind.NotEquals or OperatorKind.NotLike;
}
