using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// Redshift may assume the first role (Serverless namespaces: also as <c>redshift-serverless.amazonaws.com</c>, and
/// which name it uses is not documented, so trusting only one of them is at risk); each next role trusts the
/// previous one. Each trust policy is judged by <see cref="TrustPolicyEvaluator"/>, findings and security included.
/// </summary>
internal sealed class TrustHop : IHop
{
    private const string ServerlessPrincipal = "redshift-serverless.amazonaws.com";

    public HopKind Kind => HopKind.Trust;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        var chain = path.Snapshot.Spectrum.RoleChain;
        for (var i = 0; i < chain.Count; i++)
        {
            var role = chain[i];
            var document = $"trust policy of {role.Arn}";
            if (path.Snapshot.Roles.GetValueOrDefault(role.Arn)?.TrustPolicy is not { } policy)
            {
                hop.Unchecked(document, $"the trust policy of {role.Arn} (not in the snapshot)");
                continue;
            }

            var options = new TrustCheckOptions([.. chain.Take(i + 1)], path.Now)
            {
                AlsoTrusted = path.Kinds.Contains(ClusterKind.Serverless) ? [ServerlessPrincipal] : [],
            };
            var verdict = path.Counted(TrustPolicyEvaluator.Evaluate(policy, options, path.Budget));
            if (i > 0 || !path.Kinds.Contains(ClusterKind.Serverless))
            {
                hop.Add(document, verdict);
                continue;
            }

            var serverless = path.Counted(TrustPolicyEvaluator.Evaluate(policy, options with { ServiceNames = [ServerlessPrincipal] }, path.Budget));
            if (verdict.Access == AccessVerdict.Ok && serverless.Access == AccessVerdict.Ok)
            {
                hop.Add(document, verdict);
            }
            else if (verdict.Access == AccessVerdict.Ok || serverless.Access == AccessVerdict.Ok)
            {
                // One of the two names is trusted: Spectrum works only if Serverless uses that one.
                var missing = verdict.Access == AccessVerdict.Ok ? ServerlessPrincipal : RedshiftPrincipal.Global;
                hop.Add(document, verdict with { Access = AccessVerdict.AtRisk, Findings = [.. verdict.SecurityFindings] });
                hop.Add(document, RuleIds.TrustMissingRedshift, Evaluation.Tri.Unknown, "(policy)", $"The trust policy does not let {missing} assume the role; a Serverless namespace may assume it as either redshift.amazonaws.com or redshift-serverless.amazonaws.com, and AWS does not say which, so trust both.");
            }
            else
            {
                hop.Add(document, verdict);
            }
        }

        return hop.Build();
    }
}
