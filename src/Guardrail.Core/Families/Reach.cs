using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>
/// Which truth values something takes over a range, each with the first place it takes it: enough to answer
/// "best", "worst" and "exactly unknown somewhere" for a conjunction of independent parts.
/// </summary>
/// <typeparam name="T">What a place is (a point of a dimension, a candidate object).</typeparam>
internal sealed class Reach<T>
    where T : notnull
{
    private readonly T?[] at = new T?[3];
    private readonly bool[] has = new bool[3];

    /// <summary>A reach that takes one value at one place.</summary>
    public static Reach<T> Single(Tri value, T place)
    {
        var reach = new Reach<T>();
        reach.Add(value, place);
        return reach;
    }

    /// <summary>Notes that the value at <paramref name="place"/> is <paramref name="value"/> (the first place is kept).</summary>
    public void Add(Tri value, T place)
    {
        var rank = Rank(value);
        if (!has[rank])
        {
            has[rank] = true;
            at[rank] = place;
        }
    }

    /// <summary>The first place of each value taken.</summary>
    public IReadOnlyList<T> Places => [.. Enumerable.Range(0, 3).Where(i => has[i]).Select(i => at[i]!)];

    /// <summary>Whether every value has been seen (nothing more to learn from further places).</summary>
    public bool Complete => has[0] && has[1] && has[2];

    /// <summary>Whether the value is taken somewhere.</summary>
    public bool Has(Tri value) => has[Rank(value)];

    /// <summary>The first place the value is taken (only when <see cref="Has"/>).</summary>
    public T At(Tri value) => at[Rank(value)]!;

    /// <summary>The best value taken, in Kleene order False &lt; Unknown &lt; True.</summary>
    public Tri Max => has[2] ? Tri.True : has[1] ? Tri.Unknown : Tri.False;

    /// <summary>The worst value taken.</summary>
    public Tri Min => has[0] ? Tri.False : has[1] ? Tri.Unknown : Tri.True;

    /// <summary>A place whose value is at least <paramref name="floor"/> (its best place).</summary>
    public T AtLeast(Tri floor) => Rank(Max) >= Rank(floor) ? At(Max) : At(Min);

    /// <summary>Kleene order as a number.</summary>
    public static int Rank(Tri value) => value switch
    {
        Tri.False => 0,
        Tri.Unknown => 1,
        _ => 2,
    };
}
