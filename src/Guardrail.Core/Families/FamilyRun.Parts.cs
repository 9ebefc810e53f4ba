using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>One statement over one shape, part by part.</summary>
internal sealed partial class FamilyRun
{
    /// <summary>
    /// A statement over the shape, part by part: principal and action, fixed clauses, the resource over the
    /// candidate objects, then each dimension over its own points. Stops at the first part that is always false.
    /// </summary>
    private StatementParts Parts(StatementProfile profile, RequestShape shape)
    {
        cells++;
        if (!budget.TrySpendLinear(profile.UnitCost))
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
        foreach (var arn in ObjectCandidates.For([(profile.Statement, profile.SubstitutesVariables)], family.FamilyPrefix, shape.Context))
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
}
