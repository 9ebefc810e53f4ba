using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::IAM::Policy</c> (<c>PolicyName</c>, <c>PolicyDocument</c>, <c>Roles</c>: names) and
/// <c>AWS::IAM::RolePolicy</c> (<c>RoleName</c>): one inline policy of each role it names.
/// </summary>
internal sealed class InlinePolicyResource(string type, string rolesProperty) : ICloudFormationResource
{
    public static readonly InlinePolicyResource Policy = new("AWS::IAM::Policy", "Roles");

    public static readonly InlinePolicyResource RolePolicy = new("AWS::IAM::RolePolicy", "RoleName");

    public string Type => type;

    public IReadOnlyList<HopKind> Touches => [HopKind.Identity];

    /// <summary>The names of the template's inline policy resources for <paramref name="role"/>.</summary>
    public static IEnumerable<string> NamesFor(ResourceContext role)
    {
        if (role.Name() is not Proposed<string>.Set roleName)
        {
            yield break;
        }

        foreach (var mapper in new[] { Policy, RolePolicy })
        {
            foreach (var other in role.Others(mapper.Type))
            {
                if (mapper.RoleNames(other) is Proposed<IReadOnlyList<string>>.Set names && names.Value.Contains(roleName.Value, StringComparer.Ordinal)
                    && other.Text("PolicyName") is Proposed<string>.Set policyName)
                {
                    yield return policyName.Value;
                }
            }
        }
    }

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        var roles = RoleNames(resource);
        if (roles is Proposed<IReadOnlyList<string>>.Unknown unknownRoles)
        {
            yield return resource.Unresolved(Touches, unknownRoles);
            yield break;
        }

        if (roles is not Proposed<IReadOnlyList<string>>.Set { Value.Count: > 0 } set)
        {
            yield break;
        }

        if (resource.Text("PolicyName") is not Proposed<string>.Set name)
        {
            yield return resource.Text("PolicyName") is Proposed<string>.Unknown u
                ? resource.Unresolved(Touches, u)
                : throw TemplateErrors.At(resource.Resource.Line, resource.PathOf("PolicyName"), "an inline policy has a PolicyName");
            yield break;
        }

        var policy = resource.Policy("PolicyDocument");
        foreach (var role in set.Value)
        {
            switch (resource.RoleArn(role, resource.PathOf(rolesProperty)))
            {
                case Proposed<string>.Set arn:
                    yield return new RoleInlinePolicyChange(resource.Source, arn.Value, name.Value, policy);
                    break;
                case Proposed<string>.Unknown u:
                    yield return resource.Unresolved(Touches, u);
                    break;
            }
        }
    }

    private Proposed<IReadOnlyList<string>> RoleNames(ResourceContext resource) => rolesProperty == "Roles"
        ? resource.Texts(rolesProperty)
        : resource.Text(rolesProperty) switch
        {
            Proposed<string>.Set s => new Proposed<IReadOnlyList<string>>.Set([s.Value]),
            Proposed<string>.Unknown u => new Proposed<IReadOnlyList<string>>.Unknown(u.Property, u.Reason),
            _ => new Proposed<IReadOnlyList<string>>.Removed(),
        };

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) =>
        Changes(resource).Select(c => c is RoleInlinePolicyChange inline ? inline with { Policy = new Proposed<PolicyText>.Removed() } : c);
}
