using Guardrail.Core.Policies;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The last few condition values one parse found valid for an operator family, by reference: a parse shares equal
/// strings (<see cref="Utf8StringPool"/>), and a policy repeats the same address block, flag or number in many
/// statements, so each is checked once (<see cref="ConditionValueCheck"/>) rather than every time. The table is made
/// at the first value.
/// </summary>
internal sealed class CheckedValues
{
    private const int Capacity = 8;

    private (OperatorFamily Family, string? Value)[]? recent;
    private int next;

    /// <summary>Refuses <paramref name="value"/> as <see cref="ConditionValueCheck.Validate"/> does, unless it was found valid for the family lately.</summary>
    public void Validate(ConditionOperator op, string value, in ElementPath path)
    {
        recent ??= new (OperatorFamily, string?)[Capacity];
        foreach (var (family, known) in recent)
        {
            if (ReferenceEquals(known, value) && family == op.Family)
            {
                return;
            }
        }

        ConditionValueCheck.Validate(op, value, path);
        recent[next] = (op.Family, value);
        next = (next + 1) % Capacity;
    }
}
