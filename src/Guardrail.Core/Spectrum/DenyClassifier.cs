using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;

namespace Guardrail.Core.Spectrum;

/// <summary>Names the seed rule a deny statement violates, from what its conditions test and how it matched.</summary>
public static class DenyClassifier
{
    private static readonly string[] VpceKeys = ["aws:SourceVpce", "aws:SourceVpc", "aws:SourceVpcArn", "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths", "aws:VpcSourceIp"];

    /// <summary>The rule id for a deny that applies (or may apply) to a Spectrum request.</summary>
    /// <param name="outcome">How the deny evaluated for <paramref name="request"/>.</param>
    /// <param name="request">The request it applies to.</param>
    /// <param name="objectFamily">For object reads under a table location, <c>arn:aws:s3:::BUCKET/PREFIX</c>; else null.</param>
    /// <param name="substituteVariables">Whether the policy substitutes policy variables.</param>
    public static string Classify(StatementOutcome outcome, AccessRequest request, string? objectFamily, bool substituteVariables)
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

        if (objectFamily is not null && CoversPartOfFamily(outcome, request, objectFamily, substituteVariables))
        {
            return RuleIds.PartialKeyDeny;
        }

        return RuleIds.PrincipalDenied;
    }

    private static bool CoversPartOfFamily(StatementOutcome outcome, AccessRequest request, string objectFamily, bool substituteVariables)
    {
        var resource = outcome.Statement.Resource;
        if (resource is null)
        {
            return false;
        }

        var context = request.Context;
        var coverage = TriLogic.Any(resource.Patterns.Select(p =>
        {
            var expansion = PolicyVariables.Expand(p, context, substituteVariables);
            return expansion.Status == Tri.True ? ArnMatcher.MatchFamily(expansion.Pattern, objectFamily) : expansion.Status;
        }));
        return (resource.Negated ? coverage.Not() : coverage) != Tri.True;
    }
}
