using Guardrail.Core.Policies;

namespace Guardrail.Core.Parsing;

/// <summary>
/// The condition operators one parse has met, by the UTF-8 bytes of their names as written: a policy repeats a
/// handful of operators many times, and matching the bytes spares making the name and parsing it again for every
/// condition. Holds at most <see cref="Capacity"/> names; an operator past them is parsed as it comes. Its tables are
/// made at the first operator, so a policy without conditions (a snapshot has many small ones) pays nothing for them.
/// </summary>
internal sealed class ConditionOperatorCache
{
    private const int Capacity = 16;

    private byte[][]? names;
    private ConditionOperator[]? operators;
    private int count;

    /// <summary>The operator whose name is <paramref name="utf8"/> (exact bytes), or null when it has not been met.</summary>
    public ConditionOperator? Find(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < count; i++)
        {
            if (utf8.SequenceEqual(names![i]))
            {
                return operators![i];
            }
        }

        return null;
    }

    /// <summary>Remembers <paramref name="op"/>, parsed from the name <paramref name="utf8"/>, while there is room.</summary>
    public void Add(ReadOnlySpan<byte> utf8, ConditionOperator op)
    {
        if (count < Capacity)
        {
            names ??= new byte[Capacity][];
            operators ??= new ConditionOperator[Capacity];
            names[count] = utf8.ToArray();
            operators[count++] = op;
        }
    }
}
