using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Spectrum;

/// <summary>Names the seed rule a deny statement violates, from what its conditions test and how it matched.</summary>
public static class DenyClassifier
{
    private static readonly string[] VpceKeys = ["aws:SourceVpce", "aws:SourceVpc", "aws:SourceVpcArn"];

    /// <summary>The rule id for a deny that applies (or may apply) to a Spectrum request.</summary>
    public static string Classify(StatementOutcome outcome, SpectrumRequest request, bool substituteVariables)
    {
        var keys = outcome.Statement.Conditions.Select(c => c.Key).ToList();
        if (keys.Any(k => VpceKeys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            return RuleIds.VpceRestriction;
        }

        if (keys.Contains("s3:authType", StringComparer.OrdinalIgnoreCase))
        {
            return RuleIds.PresignedUrlBlocked;
        }

        if (keys.Contains("s3:signatureAge", StringComparer.OrdinalIgnoreCase))
        {
            return RuleIds.SignatureAgeTooShort;
        }

        if (outcome.Applies == Tri.Unknown)
        {
            return outcome.Resource == Tri.Unknown && outcome.UndecidedClauses.Any() is false
                ? RuleIds.PartialKeyDeny
                : RuleIds.ConditionUnknowable;
        }

        if (request.ObjectFamily is not null && CoversPartOfFamily(outcome, request, substituteVariables))
        {
            return RuleIds.PartialKeyDeny;
        }

        return RuleIds.PrincipalDenied;
    }

    private static bool CoversPartOfFamily(StatementOutcome outcome, SpectrumRequest request, bool substituteVariables)
    {
        var resource = outcome.Statement.Resource;
        if (resource is null)
        {
            return false;
        }

        var context = request.Request.Context;
        var coverage = TriLogic.Any(resource.Patterns.Select(p =>
        {
            var expansion = PolicyVariables.Expand(p, context, substituteVariables);
            return expansion.Status == Tri.True ? ArnMatcher.MatchFamily(expansion.Pattern, request.ObjectFamily!) : expansion.Status;
        }));
        return (resource.Negated ? coverage.Not() : coverage) != Tri.True;
    }
}
