using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Families;

/// <summary>The state of one <see cref="FamilyEvaluator"/> run: the verdict so far, the events, the work done.</summary>
internal sealed class FamilyRun(RequestPrincipal principal, bool substitutes, WorkBudget budget)
{
    private readonly List<FamilyEvent> events = [];
    private AccessVerdict access = AccessVerdict.Ok;
    private long cells;

    /// <summary>Decides one deny over one shape: where it applies, and where it only may.</summary>
    public void Deny(StatementProfile deny, RequestShape shape)
    {
        if (deny.Coupled)
        {
            var joint = Joint([deny], shape);
            if (joint is null)
            {
                Exhausted(deny, shape);
                return;
            }

            foreach (var (value, witness, outcomes) in joint.Witnesses(Tri.True, Tri.Unknown))
            {
                Worsen(value == Tri.True ? AccessVerdict.Breaks : AccessVerdict.AtRisk);
                events.Add(new DenyMayApply(outcomes[0], witness, shape));
            }

            return;
        }

        var parts = Parts(deny, shape);
        if (parts.Max == Tri.False)
        {
            return;
        }

        if (parts.Exhausted)
        {
            Exhausted(deny, shape);
            return;
        }

        Worsen(parts.Max == Tri.True ? AccessVerdict.Breaks : AccessVerdict.AtRisk);
        AddDeny(deny, shape, parts, parts.Max);
        if (parts.Max == Tri.True && parts.SomewhereUnknown)
        {
            // Where it only may apply it can be a different finding (a condition nobody can know).
            AddDeny(deny, shape, parts, Tri.Unknown);
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

        var joint = Joint(helpers, shape);
        if (joint is null)
        {
            Exhausted(helpers.MaxBy(h => h.UnitCost)!, shape);
            return;
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
            var witness = shape.At(points, resource, principal, parts.Shown);
            events.Add(new GrantUndecided(StatementEvaluator.Evaluate(allow.Statement, witness, substitutes), witness));
        }
    }

    private void AddDeny(StatementProfile deny, RequestShape shape, StatementParts parts, Tri value)
    {
        var (resource, points) = parts.Witness(value);
        var witness = shape.At(points, resource, principal, parts.Shown);
        events.Add(new DenyMayApply(StatementEvaluator.Evaluate(deny.Statement, witness, substitutes), witness, shape));
    }

    /// <summary>
    /// A statement over the shape, part by part: principal and action, fixed clauses, the resource over the
    /// candidate objects, then each dimension over its own points. Stops at the first part that is always false.
    /// </summary>
    private StatementParts Parts(StatementProfile profile, RequestShape shape)
    {
        var solo = SoloPoints(shape);
        var dimensions = new Reach<long>?[shape.Dimensions.Count];
        var shown = new bool[shape.Dimensions.Count];
        cells++;
        if (!budget.TrySpend(profile.UnitCost))
        {
            return new StatementParts(Tri.Unknown, Reach<ResourceValue>.Single(Tri.Unknown, DefaultResource(shape)), dimensions, shown, solo, true);
        }

        var fixedValue = profile.Principal.And(profile.Action(shape.Action)).And(profile.FixedClauses(shape));
        if (fixedValue == Tri.False)
        {
            return new StatementParts(fixedValue, Reach<ResourceValue>.Single(Tri.False, DefaultResource(shape)), dimensions, shown, solo, false);
        }

        var resource = ResourceReach(profile, shape);
        var exhausted = false;
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
    private JointReach? Joint(IReadOnlyList<StatementProfile> profiles, RequestShape shape)
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

        var count = (long)resources.Length;
        foreach (var axis in axes)
        {
            count = count > long.MaxValue / axis.Length ? long.MaxValue : count * axis.Length;
        }

        var unitCost = profiles.Sum(p => p.UnitCost);
        if (count > long.MaxValue / unitCost || !budget.TrySpend(count * unitCost))
        {
            return null;
        }

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
                var request = shape.Silent(points, resource, principal);
                var value = Tri.False;
                foreach (var profile in profiles)
                {
                    value = value.Or(StatementEvaluator.Evaluate(profile.Statement, request, substitutes).Applies);
                    if (value == Tri.True)
                    {
                        break;
                    }
                }

                reach.Add(value, ([.. points], resource));
            }
        }
        while (!reach.Complete && Advance(index, axes));

        return new JointReach(reach, shape, axes.Select(a => a.Length > 1).ToArray(), profiles, principal, substitutes);
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
        ObjectFamily family => new ConcreteResource(ObjectCandidates.ProbeFor(family.FamilyPrefix)),
        _ => throw new InvalidOperationException("unknown shape resource"),
    };

}
