namespace Guardrail.Changes.Terraform;

/// <summary>An identity (an ARN, a bucket name) the plan determines, or the property that leaves it undetermined and why.</summary>
/// <param name="Value">The value; null when unresolved.</param>
/// <param name="Property">The property that is unknown (<c>after.arn</c>).</param>
/// <param name="Reason">Why.</param>
internal sealed record Resolution(string? Value, string Property, string Reason)
{
    public static Resolution Of(string value) => new(value, string.Empty, string.Empty);

    public static Resolution Unknown(string property, string reason) => new(null, property, reason);
}
