namespace Guardrail.Core.Families;

/// <summary>
/// A cap on the work one judgement may do. The evaluation is linear in the document by construction; this is the
/// safety net for the parts that are not (clauses that only the general evaluator decides at many points, and
/// allow statements that must be combined across dimensions). Work that does not fit is not done: its result is
/// Unknown, which makes the verdict <c>at-risk</c> with an <c>evaluation-budget</c> finding, never a guess.
/// </summary>
public sealed class WorkBudget
{
    /// <summary>
    /// The default cap, in units of about one condition value compared at one point: about 0.1 µs each, so a
    /// judgement that spends it all takes about 100 ms. A 187 KB policy of 1,000 statements read at 100 table
    /// locations uses 360,000 (bench/: AdversarialBenchmarks, "statements-1000-x-prefixes-100"); a 20 KB one, a tenth of that.
    /// </summary>
    public const long DefaultUnits = 1_000_000;

    /// <summary>A budget of <paramref name="units"/>.</summary>
    public WorkBudget(long units = DefaultUnits)
    {
        Remaining = units;
    }

    /// <summary>What is left.</summary>
    public long Remaining { get; private set; }

    /// <summary>Spends <paramref name="units"/> if they fit; otherwise spends nothing and returns false.</summary>
    public bool TrySpend(long units)
    {
        if (units < 0 || units > Remaining)
        {
            return false;
        }

        Remaining -= units;
        return true;
    }
}
