namespace Guardrail.Core.Paths.Overlay;

/// <summary>
/// What a change proposes for one value: a new value, its removal, or a value the input does not determine (an
/// <c>Fn::ImportValue</c>, a Terraform value known only after apply): never a guess.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public abstract record Proposed<T>
    where T : notnull
{
    private Proposed()
    {
    }

    /// <summary>The value proposed.</summary>
    /// <param name="Value">The value.</param>
    public sealed record Set(T Value) : Proposed<T>;

    /// <summary>The value is removed (no bucket policy, no boundary, a deleted inline policy).</summary>
    public sealed record Removed : Proposed<T>;

    /// <summary>The input does not determine the value.</summary>
    /// <param name="Property">The property path in the input (<c>Properties.PolicyDocument.Statement[0].Resource</c>, <c>after.policy</c>).</param>
    /// <param name="Reason">Why it is unknown (<c>Fn::ImportValue</c> of an export the template cannot see, known after apply...).</param>
    public sealed record Unknown(string Property, string Reason) : Proposed<T>, IUnknownValue;
}

/// <summary>A value the input does not determine, whatever its type.</summary>
public interface IUnknownValue
{
    /// <summary>The property path in the input.</summary>
    string Property { get; }

    /// <summary>Why it is unknown.</summary>
    string Reason { get; }
}
