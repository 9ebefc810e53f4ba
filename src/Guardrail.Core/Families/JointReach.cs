using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>The values statements decided together take over a shape, each with its first cell.</summary>
internal sealed class JointReach(
    Reach<(long[] Points, ResourceValue Resource)> reach,
    RequestShape shape,
    bool[] shown,
    RequestPrincipal principal,
    IReadOnlyList<StatementProfile> profiles,
    Func<AccessRequest, AccessRequest> explained)
{
    /// <summary>True when the budget ended the search after the deciding value was found: other values may be missing.</summary>
    public bool Partial { get; init; }

    /// <summary>The best value found.</summary>
    public Tri Max => reach.Max;

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
            var witness = explained(shape.At(points, resource, principal, shown));
            yield return (value, witness, [.. profiles.Select(p => StatementEvaluator.Evaluate(p.Statement, witness, p.SubstitutesVariables))]);
        }
    }
}
