using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Families;

/// <summary>The state of one <see cref="FamilyEvaluator"/> run: the verdict so far, the events, the work done.</summary>
internal sealed class FamilyRun(RequestPrincipal principal, bool substitutes, WorkBudget budget)
{
    private readonly List<FamilyEvent> events = [];
    private AccessVerdict access = AccessVerdict.Ok;
    private long cells;

    /// <summary>Decides one deny over one shape: where it applies, and where it only may. Returns its best value.</summary>
    public Tri Deny(StatementProfile deny, RequestShape shape)
    {
        if (deny.Coupled)
        {
            var joint = Joint([deny], shape, Tri.True);
            if (joint is null)
            {
                Exhausted(deny, shape);
                return Tri.Unknown;
            }

            foreach (var (value, witness, outcomes) in joint.Witnesses(Tri.True, Tri.Unknown))
            {
                Worsen(value == Tri.True ? AccessVerdict.Breaks : AccessVerdict.AtRisk);
                events.Add(new DenyMayApply(outcomes[0], witness, shape));
            }

            if (joint.Partial)
            {
                Exhausted(deny, shape);
            }

            return joint.Max;
        }

        var parts = Parts(deny, shape);
        if (parts.Max == Tri.False)
        {
            return Tri.False;
        }

        if (parts.Exhausted)
        {
            Exhausted(deny, shape);
            return Tri.Unknown;
        }

        Worsen(parts.Max == Tri.True ? AccessVerdict.Breaks : AccessVerdict.AtRisk);
        AddDeny(deny, shape, parts, parts.Max);
        if (parts.Max == Tri.True && parts.SomewhereUnknown)
        {
            // Where it only may apply it can be a different finding (a condition nobody can know).
            AddDeny(deny, shape, parts, Tri.Unknown);
        }

        return parts.Max;
    }

    /// <summary>Decides denies together on the worlds of the value a request leaves unknown: is some request denied in every world?</summary>
    public void DenyTogether(List<StatementProfile> denies, RequestShape shape)
    {
        var joint = Joint(denies, shape, Tri.True);
        if (joint is null)
        {
            Exhausted(denies.MaxBy(d => d.UnitCost)!, shape);
            return;
        }

        foreach (var (_, witness, outcomes) in joint.Witnesses(Tri.True))
        {
            Worsen(AccessVerdict.Breaks);
            events.Add(new DeniesTogether([.. outcomes.Where(o => o.Applies != Tri.False)], witness, shape));
        }

        if (joint.Partial)
        {
            Exhausted(denies.MaxBy(d => d.UnitCost)!, shape);
        }
    }

    /// <summary>Decides whether the allows grant every request of the shape, and names the requests they do not.</summary>
    public void Grant(IReadOnlyList<StatementProfile> allows, RequestShape shape)
    {
        var helpers = new List<StatementProfile>();
        StatementParts? onlyParts = null;
        foreach (var allow in allows)
        {
            if (allow.Coupled)
            {
                helpers.Add(allow);
                continue;
            }

            var parts = Parts(allow, shape);
            if (parts.Min == Tri.True && !parts.Exhausted)
            {
                return;
            }

            if (parts.Max != Tri.False || parts.Exhausted)
            {
                helpers.Add(allow);
                onlyParts = parts;
            }
        }

        if (helpers.Count == 1 && !helpers[0].Coupled)
        {
            // One allow alone: its worst over the shape is its parts' worst, no need to combine anything.
            GrantByOne(helpers[0], shape, onlyParts!);
            return;
        }

        if (helpers.Count == 0)
        {
            Worsen(AccessVerdict.Breaks);
            events.Add(new GrantMissing(shape.At(SoloPoints(shape), DefaultResource(shape), principal, new bool[shape.Dimensions.Count]), shape));
            return;
        }

        var joint = Joint(helpers, shape, Tri.False);
        if (joint is null)
        {
            Exhausted(helpers.MaxBy(h => h.UnitCost)!, shape);
            return;
        }

        if (joint.Partial)
        {
            // The break stands; the budget ended the search for the requests that are only at risk.
            Exhausted(helpers.MaxBy(h => h.UnitCost)!, shape);
        }

        foreach (var (value, witness, outcomes) in joint.Witnesses(Tri.False, Tri.Unknown))
        {
            Worsen(value == Tri.False ? AccessVerdict.Breaks : AccessVerdict.AtRisk);
            if (value == Tri.False)
            {
                events.Add(new GrantMissing(witness, shape));
            }
            else
            {
                events.AddRange(outcomes.Where(o => o.Applies == Tri.Unknown).Select(o => new GrantUndecided(o, witness)));
            }
        }
    }

    public FamilyResult Result() => new(access, events, cells);

    private void Worsen(AccessVerdict verdict) => access = verdict > access ? verdict : access;

    /// <summary>Notes that <paramref name="profile"/>'s statement could not be decided over <paramref name="shape"/> within the budget.</summary>
    public void Exhausted(StatementProfile profile, RequestShape shape)
    {
        Worsen(AccessVerdict.AtRisk);
        events.Add(new BudgetExhausted(profile.Statement, shape));
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

    private void GrantByOne(StatementProfile allow, RequestShape shape, StatementParts parts)
    {
        if (parts.Exhausted)
        {
            Exhausted(allow, shape);
            return;
        }

        if (parts.Min == Tri.False)
        {
            Worsen(AccessVerdict.Breaks);
            var (resource, points) = parts.Witness(Tri.False);
            events.Add(new GrantMissing(shape.At(points, resource, principal, parts.Shown), shape));
        }

        if (parts.SomewhereUnknown)
        {
            Worsen(AccessVerdict.AtRisk);
            var (resource, points) = parts.Witness(Tri.Unknown);
            var witness = Explained(shape.At(points, resource, principal, parts.Shown), shape, [allow]);
            events.Add(new GrantUndecided(StatementEvaluator.Evaluate(allow.Statement, witness, substitutes), witness));
        }
    }

    private void AddDeny(StatementProfile deny, RequestShape shape, StatementParts parts, Tri value)
    {
        var (resource, points) = parts.Witness(value);
        var witness = Explained(shape.At(points, resource, principal, parts.Shown), shape, [deny]);
        events.Add(new DenyMayApply(StatementEvaluator.Evaluate(deny.Statement, witness, substitutes), witness, shape));
    }

    /// <summary>
    /// A statement over the shape, part by part: principal and action, fixed clauses, the resource over the
    /// candidate objects, then each dimension over its own points. Stops at the first part that is always false.
    /// </summary>
    private StatementParts Parts(StatementProfile profile, RequestShape shape)
    {
        cells++;
        if (!budget.TrySpend(profile.UnitCost))
        {
            return StatementParts.Undecided(shape.Dimensions.Count, DefaultResource(shape));
        }

        var fixedValue = profile.Principal.And(profile.Action(shape.Action));
        var exhausted = false;
        if (fixedValue != Tri.False)
        {
            (var clauses, exhausted) = profile.FixedClauses(shape, budget);
            fixedValue = fixedValue.And(clauses);
        }

        if (fixedValue == Tri.False)
        {
            // Most statements of a large policy end here: nothing more to allocate for them.
            return StatementParts.Never;
        }

        var solo = SoloPoints(shape);
        var dimensions = new Reach<long>?[shape.Dimensions.Count];
        var shown = new bool[shape.Dimensions.Count];
        var resource = ResourceReach(profile, shape);
        for (var i = 0; i < dimensions.Length && resource.Max != Tri.False; i++)
        {
            if (profile.Group(shape.Dimensions[i].Kind) is not { } group)
            {
                continue;
            }

            cells += group.Points.Length;
            shown[i] = group.Points.Length > 1;
            dimensions[i] = group.Range(shape.Context, budget);
            if (dimensions[i] is null)
            {
                exhausted = true;
                dimensions[i] = Reach<long>.Single(Tri.Unknown, solo[i]);
            }
            else if (dimensions[i]!.Max == Tri.False)
            {
                break;
            }
        }

        return new StatementParts(fixedValue, resource, dimensions, shown, solo, exhausted);
    }

    private Reach<ResourceValue> ResourceReach(StatementProfile profile, RequestShape shape)
    {
        if (shape.Resource is not ObjectFamily family)
        {
            var fixedResource = DefaultResource(shape);
            return Reach<ResourceValue>.Single(profile.Resource(new AccessRequest(shape.Action, fixedResource, principal, shape.Context, string.Empty)), fixedResource);
        }

        var reach = new Reach<ResourceValue>();
        foreach (var arn in ObjectCandidates.For([profile.Statement], family.FamilyPrefix, shape.Context, substitutes))
        {
            var candidate = new ConcreteResource(arn);
            reach.Add(profile.Resource(new AccessRequest(shape.Action, candidate, principal, shape.Context, string.Empty)), candidate);
            if (reach.Complete)
            {
                break;
            }
        }

        return reach;
    }

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
            ? [.. ObjectCandidates.For(profiles.Select(p => p.Statement), family.FamilyPrefix, shape.Context, substitutes).Select(a => new ConcreteResource(a))]
            : [DefaultResource(shape)];

        // A range the shape takes one unknown value of gives each request several possible worlds: its context as
        // it is, or the value at one of the statements' points. A request is decided only if all worlds agree.
        var worlds = new List<RequestContext> { shape.Context };
        foreach (var dimension in shape.UnknownDimensions)
        {
            var places = profiles.Select(p => p.Group(dimension.Kind)).OfType<DimensionGroup>().SelectMany(g => g.Points).Distinct().ToList();
            worlds.AddRange([.. worlds.SelectMany(w => places.Select(point => dimension.At(w, point)))]);
        }

        var unitCost = profiles.Sum(p => p.UnitCost);
        if (worlds.Count > long.MaxValue / unitCost || !budget.TrySpend(worlds.Count * unitCost))
        {
            // Even each statement's fixed part in every world does not fit.
            return null;
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
                            ? StatementEvaluator.Evaluate(profiles[p].Statement, request, substitutes).Applies
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
        new(reach, shape, [.. axes.Select(a => a.Length > 1)], principal, profiles, witness => Explained(witness, shape, profiles), substitutes) { Partial = partial };

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

    private static long[] SoloPoints(RequestShape shape) => [.. shape.Dimensions.Select(d => d.SoloPoint)];

    private static ResourceValue DefaultResource(RequestShape shape) => shape.Resource switch
    {
        FixedResource fixedResource => fixedResource.Value,
        ObjectFamily family => family.Probe,
        _ => throw new InvalidOperationException("unknown shape resource"),
    };

}
