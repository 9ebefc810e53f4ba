using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>The values statements decided together take over a shape, each with its first cell.</summary>
internal sealed class JointReach(
    Reach<(long[] Points, ResourceValue Resource)> reach,
    RequestShape shape,
    bool[] shown,
    IReadOnlyList<StatementProfile> profiles,
    RequestPrincipal principal,
    bool substitutes)
{
    /// <summary>For each of <paramref name="values"/> taken somewhere: the value, its first request, and each statement's outcome there.</summary>
    public IEnumerable<(Tri Value, AccessRequest Witness, IReadOnlyList<StatementOutcome> Outcomes)> Witnesses(params Tri[] values)
    {
        foreach (var value in values)
        {
            if (!reach.Has(value))
            {
                continue;
            }

            var (points, resource) = reach.At(value);
            var witness = shape.At(points, resource, principal, shown);
            yield return (value, witness, [.. profiles.Select(p => StatementEvaluator.Evaluate(p.Statement, witness, substitutes))]);
        }
    }
}
