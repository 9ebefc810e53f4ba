using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Hops;

/// <summary>How the hops name a deny: by the hop's own rule, or, for S3 requests, by what the deny tests.</summary>
internal static class HopRules
{
    /// <summary>The hop's rule for any deny (its severity says whether it certainly applies).</summary>
    public static Func<DenyMayApply, string> Always(string rule) => _ => rule;

    /// <summary>For S3 shapes, the seed's rule for what the deny tests (a plain deny is <paramref name="plain"/>); otherwise <paramref name="plain"/>.</summary>
    public static Func<DenyMayApply, string> Classified(PolicySet set, string plain) => deny =>
    {
        if (!deny.Shape.Action.StartsWith("s3:", StringComparison.Ordinal))
        {
            return deny.Outcome.Applies == Tri.True ? plain : RuleIds.ConditionUnknowable;
        }

        var rule = DenyClassifier.Classify(deny.Outcome, deny.Witness, (deny.Shape.Resource as ObjectFamily)?.FamilyPrefix, set.Substitutes(deny.Outcome.Statement));
        return rule == RuleIds.PrincipalDenied ? plain : rule;
    };

    /// <summary>A grant that is never asked for (deny-only parts).</summary>
    public static (string Rule, string Message) NoGrantAsked(AccessRequest witness) => (RuleIds.ConditionUnknowable, witness.Description);
}
