using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Testing.Reference;

/// <summary>
/// Spectrum reads every object under a configured table location. For each Resource pattern of the policy that
/// covers only part of that family, one object inside the pattern stands for the part it covers, and a probe
/// object stands for the rest; together with the policy's own patterns these decide the family exactly
/// for the single-pattern cases that matter (a deny on part of the keys, an allow on part of the keys).
/// </summary>
public static class ReferenceObjectWitnesses
{
    private const string SampleFile = "part-00000.parquet";
    private const string Probe = "guardrail-probe/" + SampleFile;

    /// <summary>Concrete object ARNs that represent the family <c>arn:aws:s3:::BUCKET/PREFIX*</c> for this policy.</summary>
    public static IReadOnlyList<string> For(PolicyDocument? policy, string familyPrefix, RequestContext context)
    {
        var witnesses = new List<string> { familyPrefix + Probe };
        if (policy is null)
        {
            return witnesses;
        }

        foreach (var statement in policy.Statements)
        {
            if (statement.Resource is null)
            {
                continue;
            }

            foreach (var raw in statement.Resource.Patterns)
            {
                var expansion = PolicyVariables.Expand(raw, context, policy.SubstitutesVariables);
                if (expansion.Status != Tri.True || ArnMatcher.MatchFamily(expansion.Pattern, familyPrefix) != Tri.Unknown)
                {
                    continue;
                }

                var inside = ArnMatcher.WitnessInFamily(expansion.Pattern, familyPrefix);
                if (inside is not null && ArnMatcher.IsMatch(expansion.Pattern, inside + SampleFile))
                {
                    // Name a file rather than a folder when the pattern allows it: easier to read in alerts.
                    inside += SampleFile;
                }

                if (inside is not null && !witnesses.Contains(inside, StringComparer.Ordinal))
                {
                    witnesses.Add(inside);
                }
            }
        }

        return witnesses;
    }
}
