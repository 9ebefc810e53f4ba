using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::IAM::ManagedPolicy</c>: its document under its ARN (from <c>ManagedPolicyName</c> and <c>Path</c>, or the
/// placeholder <c>arn:PARTITION:iam::ACCOUNT:policy/PATH/LogicalId-proposed</c>), and its attachment to each role in <c>Roles</c>.
/// </summary>
internal sealed class ManagedPolicyResource : ICloudFormationResource
{
    public string Type => "AWS::IAM::ManagedPolicy";

    public IReadOnlyList<HopKind> Touches => [HopKind.Identity];

    /// <summary>Whether <paramref name="policy"/> names <paramref name="role"/> in its <c>Roles</c>.</summary>
    public static bool Attaches(ResourceContext policy, ResourceContext role) =>
        role.Name() is Proposed<string>.Set name && policy.Texts("Roles") is Proposed<IReadOnlyList<string>>.Set roles && roles.Value.Contains(name.Value, StringComparer.Ordinal);

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        if (resource.Arn() is not Proposed<string>.Set arn)
        {
            yield return resource.Unresolved(Touches, (IUnknownValue)resource.Arn());
            yield break;
        }

        yield return new ManagedPolicyChange(resource.Source, arn.Value, resource.Policy("PolicyDocument"));
        switch (resource.Texts("Roles"))
        {
            case Proposed<IReadOnlyList<string>>.Set roles:
                foreach (var role in roles.Value)
                {
                    yield return resource.RoleArn(role, resource.PathOf("Roles")) switch
                    {
                        Proposed<string>.Set roleArn => new RoleManagedPolicyAttachmentChange(resource.Source, roleArn.Value, arn.Value, true),
                        var unknown => resource.Unresolved(Touches, (IUnknownValue)unknown),
                    };
                }

                break;
            case Proposed<IReadOnlyList<string>>.Unknown u:
                yield return resource.Unresolved(Touches, u);
                break;
        }
    }

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) =>
        Changes(resource).Select(c => c switch
        {
            ManagedPolicyChange policy => policy with { Policy = new Proposed<PolicyText>.Removed() },
            RoleManagedPolicyAttachmentChange attachment => attachment with { Attached = false },
            _ => c,
        });
}
