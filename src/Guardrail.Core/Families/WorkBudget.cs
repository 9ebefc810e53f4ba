namespace Guardrail.Core.Families;

/// <summary>
/// A cap on the work one judgement may do, in two allowances. The evaluation is linear in its input by
/// construction (statements × request shapes, table locations, findings): that work is charged to the linear
/// allowance, which inputs of any realistic size never reach (20 managed policies × 10,000 tables use a small part
/// of it) and which only a hostile input exhausts. The parts that are not linear (clauses decided at many points,
/// allow statements combined across dimensions, possible worlds) are charged to the super-linear allowance, the
/// safety net against blow-ups. Work that does not fit is not done: its result is Unknown, which makes the verdict
/// <c>at-risk</c> with an <c>evaluation-budget</c> finding, never a guess.
/// </summary>
public sealed class WorkBudget
{
    /// <summary>
    /// The default super-linear allowance, in units of about one condition value compared at one point.
    /// bench/ measures what spending it takes (docs/testing.md, "Work budget").
    /// </summary>
    public const long DefaultUnits = 1_000_000;

    /// <summary>
    /// The default linear allowance: a unit is a statement visited for one request shape, or one element of a
    /// statement compared, or one table location prepared. bench/ measures what spending it takes.
    /// </summary>
    public const long DefaultLinearUnits = 20_000_000;

    /// <summary>A budget of <paramref name="units"/> super-linear and <paramref name="linearUnits"/> linear units.</summary>
    public WorkBudget(long units = DefaultUnits, long linearUnits = DefaultLinearUnits)
    {
        Remaining = units;
        LinearRemaining = linearUnits;
    }

    /// <summary>What is left of the super-linear allowance.</summary>
    public long Remaining { get; private set; }

    /// <summary>What is left of the linear allowance.</summary>
    public long LinearRemaining { get; private set; }

    /// <summary>Whether either allowance ran out (a spend was refused).</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Spends <paramref name="units"/> of super-linear work if they fit; otherwise spends nothing and returns false.</summary>
    public bool TrySpend(long units)
    {
        if (units < 0 || units > Remaining)
        {
            Exhausted = true;
            return false;
        }

        Remaining -= units;
        return true;
    }

    /// <summary>Spends <paramref name="units"/> of linear work if they fit; otherwise spends nothing and returns false.</summary>
    public bool TrySpendLinear(long units)
    {
        if (units < 0 || units > LinearRemaining)
        {
            Exhausted = true;
            return false;
        }

        LinearRemaining -= units;
        return true;
    }
}
