using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Families;

/// <summary>The state of one <see cref="FamilyEvaluator"/> run: the verdict so far, the events, the work done.</summary>
internal sealed partial class FamilyRun(RequestPrincipal principal, WorkBudget budget)
{
    /// <summary>What explaining one finding costs (its witness request and the statement's outcome on it), in linear units.</summary>
    public const long UnitsPerEvent = 200;

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

    private void GrantByOne(StatementProfile allow, RequestShape shape, StatementParts parts)
    {
        if (parts.Exhausted || ((parts.Min == Tri.False || parts.SomewhereUnknown) && !budget.TrySpendLinear(UnitsPerEvent)))
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
            events.Add(new GrantUndecided(StatementEvaluator.Evaluate(allow.Statement, witness, allow.SubstitutesVariables), witness));
        }
    }

    private void AddDeny(StatementProfile deny, RequestShape shape, StatementParts parts, Tri value)
    {
        if (!budget.TrySpendLinear(UnitsPerEvent))
        {
            // Explaining a deny builds its witness request and outcome: a policy of many applying denies pays for each.
            Exhausted(deny, shape);
            return;
        }

        var (resource, points) = parts.Witness(value);
        var witness = Explained(shape.At(points, resource, principal, parts.Shown), shape, [deny]);
        events.Add(new DenyMayApply(StatementEvaluator.Evaluate(deny.Statement, witness, deny.SubstitutesVariables), witness, shape));
    }

    private static long[] SoloPoints(RequestShape shape) => [.. shape.Dimensions.Select(d => d.SoloPoint)];

    private static ResourceValue DefaultResource(RequestShape shape) => shape.Resource switch
    {
        FixedResource fixedResource => fixedResource.Value,
        ObjectFamily family => family.Probe,
        _ => throw new InvalidOperationException("unknown shape resource"),
    };
}
