using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>
/// Concrete objects that stand for every object under a table location, for the given statements: a probe object
/// for the keys no pattern singles out, and, for each Resource pattern that covers only part of the location, one
/// object inside it. A statement's own patterns decide where its result can change, so each statement needs only
/// its own candidates.
/// </summary>
internal static class ObjectCandidates
{
    private const string SampleFile = "part-00000.parquet";
    private const string Probe = "guardrail-probe/" + SampleFile;

    /// <summary>The object that stands for the keys no pattern singles out.</summary>
    public static string ProbeFor(string familyPrefix) => familyPrefix + Probe;

    /// <summary>The candidate object ARNs for <paramref name="statements"/> under <paramref name="familyPrefix"/>.</summary>
    public static List<string> For(IEnumerable<(Statement Statement, bool SubstitutesVariables)> statements, string familyPrefix, RequestContext context)
    {
        var candidates = new List<string> { ProbeFor(familyPrefix) };
        HashSet<string>? seen = null;
        foreach (var (statement, substitutesVariables) in statements)
        {
            if (statement.Resource is null)
            {
                continue;
            }

            foreach (var raw in statement.Resource.Patterns)
            {
                var expansion = PolicyVariables.Expand(raw, context, substitutesVariables);
                if (expansion.Status != Tri.True || ArnMatcher.MatchFamily(expansion.Pattern, familyPrefix) != Tri.Unknown)
                {
                    continue;
                }

                var inside = ArnMatcher.WitnessInFamily(expansion.Pattern, familyPrefix);
                if (inside is null)
                {
                    continue;
                }

                if (ArnMatcher.IsMatch(expansion.Pattern, inside + SampleFile))
                {
                    // Name a file rather than a folder when the pattern allows it: easier to read in alerts.
                    inside += SampleFile;
                }

                seen ??= new HashSet<string>(StringComparer.Ordinal) { candidates[0] };
                if (seen.Add(inside))
                {
                    candidates.Add(inside);
                }
            }
        }

        return candidates;
    }
}
