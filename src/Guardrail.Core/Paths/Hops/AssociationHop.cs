using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths.Judging;

namespace Guardrail.Core.Paths.Hops;

/// <summary>The first role of the chain must be attached to the cluster or namespace: Redshift gets credentials only for attached roles.</summary>
internal sealed class AssociationHop : IHop
{
    public HopKind Kind => HopKind.Association;

    public HopResult Judge(PathJudging path)
    {
        var hop = new HopBuilder(Kind);
        var first = path.Snapshot.Spectrum.RoleChain[0];
        if (path.Snapshot.Spectrum.Cluster is not { } cluster)
        {
            hop.Unchecked("cluster", "which roles are attached to the cluster or namespace (no cluster in the snapshot)");
        }
        else if (cluster.IamRoles is not { } attached)
        {
            hop.Unchecked("cluster", $"which roles are attached to the {cluster.Kind.ToString().ToLowerInvariant()} cluster (its kind is given, its roles are not)");
        }
        else if (!attached.Contains(first.Arn, StringComparer.Ordinal))
        {
            var kind = cluster.Kind == Spectrum.ClusterKind.Serverless ? "namespace" : "cluster";
            hop.Judged(Tri.False);
            hop.Add(kind, RuleIds.RoleNotAttached, Tri.False, "(cluster)", $"{first.Arn} is not attached to the {kind} ({attached.Count} roles are): Redshift cannot get its credentials, so Spectrum queries fail with \"Not authorized to get credentials of role\".");
        }

        return hop.Build(path);
    }
}
