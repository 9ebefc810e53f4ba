using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>
/// A statement over one shape, part by part: the parts that are fixed there, the resource over the candidate
/// objects, and each dimension over its own points. The parts vary independently, so the statement's value over
/// the shape is their conjunction, and its best, worst and "exactly unknown somewhere" follow from each part's
/// reach (Kleene AND is the minimum in False &lt; Unknown &lt; True).
/// </summary>
/// <param name="Fixed">The value of the parts that do not vary within the shape.</param>
/// <param name="Resource">The resource over the candidate objects (one place for a fixed resource).</param>
/// <param name="Dimensions">Each dimension's reach, in the shape's order; null where the statement does not test it.</param>
/// <param name="Shown">Which dimensions a witness's description names (those cut into several cells).</param>
/// <param name="SoloPoints">The point of each dimension where nothing tests it.</param>
/// <param name="Exhausted">True when a part did not fit the budget and was taken as unknown.</param>
internal sealed record StatementParts(Tri Fixed, Reach<ResourceValue> Resource, Reach<long>?[] Dimensions, bool[] Shown, long[] SoloPoints, bool Exhausted)
{
    /// <summary>A statement that applies nowhere in the shape.</summary>
    public static StatementParts Never { get; } = new(Tri.False, Reach<ResourceValue>.Single(Tri.False, new ConcreteResource(string.Empty)), [], [], [], false);

    /// <summary>A statement the budget did not cover: unknown everywhere.</summary>
    public static StatementParts Undecided(int dimensions, ResourceValue resource) =>
        new(Tri.Unknown, Reach<ResourceValue>.Single(Tri.Unknown, resource), new Reach<long>?[dimensions], new bool[dimensions], new long[dimensions], true);

    /// <summary>The best value over the shape.</summary>
    public Tri Max => Conjunction(static r => r.Max, static r => r.Max);

    /// <summary>The worst value over the shape.</summary>
    public Tri Min => Conjunction(static r => r.Min, static r => r.Min);

    /// <summary>Whether some request of the shape gives exactly Unknown.</summary>
    public bool SomewhereUnknown =>
        Max != Tri.False && (Fixed == Tri.Unknown || Resource.Has(Tri.Unknown) || Dimensions.Any(d => d?.Has(Tri.Unknown) ?? false));

    /// <summary>
    /// A request where the statement's value is <paramref name="value"/> (<see cref="Max"/>, or Unknown when
    /// <see cref="SomewhereUnknown"/>): each part at its best, except one part at exactly that value when the best is higher.
    /// </summary>
    public (ResourceValue Resource, long[] Points) Witness(Tri value)
    {
        var pending = value != Max;
        var points = (long[])SoloPoints.Clone();
        var resource = Place(Resource, value, ref pending);
        for (var i = 0; i < points.Length; i++)
        {
            if (Dimensions[i] is { } reach)
            {
                points[i] = Place(reach, value, ref pending);
            }
        }

        return (resource, points);
    }

    private static T Place<T>(Reach<T> reach, Tri value, ref bool pending)
        where T : notnull
    {
        if (pending && reach.Has(value))
        {
            pending = false;
            return reach.At(value);
        }

        return reach.AtLeast(value);
    }

    private Tri Conjunction(Func<Reach<ResourceValue>, Tri> resource, Func<Reach<long>, Tri> dimension)
    {
        var value = Fixed.And(resource(Resource));
        foreach (var reach in Dimensions)
        {
            if (reach is not null)
            {
                value = value.And(dimension(reach));
            }
        }

        return value;
    }
}
