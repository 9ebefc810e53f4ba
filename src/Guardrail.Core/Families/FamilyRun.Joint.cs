using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>Statements decided together on their joint cells, and the worlds of a value a request leaves unknown.</summary>
internal sealed partial class FamilyRun
{
    /// <summary>
    /// Decides statements together on the product of their points (the points of every dimension they test and
    /// the candidate objects of all their patterns): the value of "some statement applies" at each cell, with the
    /// first cell of each value. Null when the product does not fit the budget.
    /// </summary>
    /// <param name="profiles">The statements.</param>
    /// <param name="shape">The shape.</param>
    /// <param name="decisive">The value that settles the verdict: True for a deny (it applies), False for allows (nothing grants).</param>
    private JointReach? Joint(List<StatementProfile> profiles, RequestShape shape, Tri decisive)
    {
        var axes = new long[shape.Dimensions.Count][];
        for (var i = 0; i < axes.Length; i++)
        {
            var kind = shape.Dimensions[i].Kind;
            var union = profiles.Select(p => p.Group(kind)).OfType<DimensionGroup>().SelectMany(g => g.Points).Distinct().Order().ToArray();
            axes[i] = union.Length == 0 ? [shape.Dimensions[i].SoloPoint] : union;
        }

        ResourceValue[] resources = shape.Resource is ObjectFamily family
            ? [.. ObjectCandidates.For(profiles.Select(p => (p.Statement, p.SubstitutesVariables)), family.FamilyPrefix, shape.Context).Select(a => new ConcreteResource(a))]
            : [DefaultResource(shape)];

        // A range the shape takes one unknown value of gives each request several possible worlds: its context as
        // it is, or the value at one of the statements' points. A request is decided only if all worlds agree.
        // The worlds are counted and paid for before any is built: a hostile policy must not make them first.
        var places = shape.UnknownDimensions
            .Select(d => (Dimension: d, Points: profiles.Select(p => p.Group(d.Kind)).OfType<DimensionGroup>().SelectMany(g => g.Points).Distinct().ToList()))
            .ToList();
        var unitCost = profiles.Sum(p => p.UnitCost);
        var worldCount = 1L;
        foreach (var (_, values) in places)
        {
            worldCount = worldCount > long.MaxValue / (values.Count + 1) ? long.MaxValue : worldCount * (values.Count + 1);
        }

        if (worldCount > long.MaxValue / unitCost || !budget.TrySpend(worldCount * unitCost))
        {
            // Even each statement's fixed part in every world does not fit.
            return null;
        }

        var worlds = new List<RequestContext> { shape.Context };
        foreach (var (dimension, values) in places)
        {
            worlds.AddRange([.. worlds.SelectMany(w => values.Select(point => dimension.At(w, point)))]);
        }

        // Each statement's fixed part once per world; at each cell only what varies (its resource and its groups).
        var fixedParts = worlds.Select(w => profiles.Select(p => p.Principal.And(p.Action(shape.Action)).And(p.FixedClausesAt(shape, w))).ToArray()).ToArray();
        var index = new int[axes.Length];
        var points = new long[axes.Length];
        var reach = new Reach<(long[] Points, ResourceValue Resource)>();
        do
        {
            for (var i = 0; i < axes.Length; i++)
            {
                points[i] = axes[i][index[i]];
            }

            foreach (var resource in resources)
            {
                cells++;
                if (!budget.TrySpend(unitCost * worlds.Count))
                {
                    // Out of budget: what was found stands only if it already decides (a certain break).
                    return reach.Has(decisive) ? Reached(reach, shape, axes, profiles, partial: true) : null;
                }

                Tri? agreed = null;
                for (var w = 0; w < worlds.Count && agreed != Tri.Unknown; w++)
                {
                    var request = shape.Silent(points, resource, principal, worlds[w]);
                    var value = Tri.False;
                    for (var p = 0; p < profiles.Count && value != Tri.True; p++)
                    {
                        value = value.Or(profiles[p].Coupled
                            ? StatementEvaluator.Evaluate(profiles[p].Statement, request, profiles[p].SubstitutesVariables).Applies
                            : ValueAt(profiles[p], fixedParts[w][p], shape, request, points));
                    }

                    agreed = agreed is null || agreed == value ? value : Tri.Unknown;
                }

                reach.Add(agreed!.Value, ([.. points], resource));
                if (reach.Has(decisive) && reach.Has(Tri.Unknown))
                {
                    // Both findings a caller reports are known: the rest of the product cannot add any.
                    return Reached(reach, shape, axes, profiles);
                }
            }
        }
        while (Advance(index, axes));

        return Reached(reach, shape, axes, profiles);
    }
    private JointReach Reached(Reach<(long[] Points, ResourceValue Resource)> reach, RequestShape shape, long[][] axes, List<StatementProfile> profiles, bool partial = false) =>
        new(reach, shape, [.. axes.Select(a => a.Length > 1)], principal, profiles, witness => Explained(witness, shape, profiles)) { Partial = partial };
    /// <summary>A statement at one cell: its fixed part, its resource, each of its dimension groups at the cell's point.</summary>
    private static Tri ValueAt(StatementProfile profile, Tri fixedPart, RequestShape shape, AccessRequest request, long[] points)
    {
        var value = fixedPart;
        if (value != Tri.False)
        {
            value = value.And(profile.Resource(request));
        }

        for (var i = 0; i < points.Length && value != Tri.False; i++)
        {
            if (profile.Group(shape.Dimensions[i].Kind) is { } group)
            {
                value = value.And(group.ValueAt(shape.Context, points[i]));
            }
        }

        return value;
    }
    /// <summary>Moves to the next cell of the product, odometer style; false after the last.</summary>
    private static bool Advance(int[] index, long[][] axes)
    {
        for (var i = axes.Length - 1; i >= 0; i--)
        {
            if (++index[i] < axes[i].Length)
            {
                return true;
            }

            index[i] = 0;
        }

        return false;
    }
    /// <summary>
    /// A witness as the statements see it: on the ranges the shape takes one unknown value of, the value is one of
    /// the places where the statements' clauses on it change (so the explanation shows the doubt).
    /// </summary>
    private AccessRequest Explained(AccessRequest witness, RequestShape shape, IEnumerable<StatementProfile> profiles)
    {
        var context = witness.Context;
        foreach (var dimension in shape.UnknownDimensions)
        {
            var places = profiles
                .Select(p => p.Group(dimension.Kind)?.Range(shape.Context, budget))
                .OfType<Reach<long>>()
                .SelectMany(r => r.Places)
                .Distinct()
                .ToList();
            if (places.Count > 0)
            {
                context = dimension.AnyOf(context, places, "AWS does not document this value for this request");
            }
        }

        return ReferenceEquals(context, witness.Context) ? witness : witness with { Context = context };
    }
}
