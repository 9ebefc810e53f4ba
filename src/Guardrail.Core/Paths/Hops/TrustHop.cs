using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Hops;

/// <summary>
/// Redshift may assume the first role; each next role trusts the previous one. A Serverless namespace's trust policy
/// must let both <c>redshift.amazonaws.com</c> and <c>redshift-serverless.amazonaws.com</c> in (Redshift Management
/// Guide, Serverless and other services), and AWS does not say which one assumes the role: trusting one of them only
/// is at risk. Each trust policy is judged by <see cref="TrustPolicyEvaluator"/>, findings and security included, for
/// every possible cluster kind; the RCPs of each role's account apply to its <c>sts:AssumeRole</c>.
/// </summary>
internal sealed class TrustHop : IHop
{
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

            foreach (var kind in path.Kinds)
            {
                var options = new TrustCheckOptions([.. chain.Take(i + 1)], path.Now) { Serverless = kind == ClusterKind.Serverless };
                var verdict = path.Counted(TrustPolicyEvaluator.Judge(policy, options, path.Budget));
                if (i == 0 && options.Serverless)
                {
                    verdict = TrustPolicyEvaluator.BothNames(verdict, path.Counted(TrustPolicyEvaluator.Judge(policy, options with { AsServerless = true }, path.Budget)));
                }

                hop.Add(document, verdict);
                RequestPrincipal caller = options.PreviousRole is { } previous
                    ? new RoleSessionPrincipal(previous)
                    : new ServicePrincipal(options.Serverless ? [RedshiftPrincipal.Global, RedshiftPrincipal.ServerlessName] : [RedshiftPrincipal.Global]);
                var who = options.PreviousRole is { } before ? before.Arn : "Amazon Redshift";
                ResourceControl.Apply(hop, path, role.AccountId, [SpectrumShapes.ForAssumeRole(options, who)], caller);
            }
        }

        return hop.Build(path);
    }
}
