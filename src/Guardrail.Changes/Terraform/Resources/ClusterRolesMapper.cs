using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Spectrum;

namespace Guardrail.Changes.Terraform.Resources;

/// <summary>
/// The roles of a cluster or Serverless namespace: <c>aws_redshift_cluster</c> (<c>cluster_identifier</c>,
/// <c>iam_roles</c>), <c>aws_redshift_cluster_iam_roles</c> (<c>iam_role_arns</c>), <c>aws_redshiftserverless_namespace</c>
/// (<c>namespace_name</c>, <c>iam_roles</c>); deleted: no roles.
/// </summary>
/// <param name="type">The resource type.</param>
/// <param name="identifier">The argument naming the cluster or namespace.</param>
/// <param name="roles">The argument listing the role ARNs.</param>
/// <param name="kind">Provisioned or Serverless.</param>
internal sealed class ClusterRolesMapper(string type, string identifier, string roles, ClusterKind kind) : IResourceMapper
{
    public string Type => type;

    public void Map(ResourceChangeEntry entry, TerraformPlan plan, ICollection<ProposedChange> changes)
    {
        var old = entry.Action is PlanAction.Delete or PlanAction.Replace ? entry.Before(identifier).NonEmptyString() : null;
        if (!entry.Action.Writes())
        {
            if (old is not null)
            {
                changes.Add(new ClusterRolesChange(entry.Source, old, kind, new Proposed<IReadOnlyList<string>>.Removed()));
            }

            return;
        }

        var id = PlanValues.Identity(entry.After(identifier));
        if (id.Value is null)
        {
            changes.Add(PlanValues.Unresolved(entry, [HopKind.Association], id));
            return;
        }

        if (old is not null && !string.Equals(old, id.Value, StringComparison.OrdinalIgnoreCase))
        {
            changes.Add(new ClusterRolesChange(entry.Source, old, kind, new Proposed<IReadOnlyList<string>>.Removed()));
        }

        if (entry.Action != PlanAction.Update || entry.Changed(roles) || entry.Changed(identifier))
        {
            changes.Add(new ClusterRolesChange(entry.Source, id.Value, kind, PlanValues.Strings(entry.After(roles))));
        }
    }
}
