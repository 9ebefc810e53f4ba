using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation.Resources;

/// <summary>
/// <c>AWS::IAM::Role</c>: its ARN from <c>RoleName</c>, <c>Path</c> and the account (a role without a name or physical
/// id gets a placeholder: a new role, off the path). <c>AssumeRolePolicyDocument</c> is its trust policy;
/// <c>Policies</c> are its inline policies and, with the template's <c>AWS::IAM::Policy</c>/<c>RolePolicy</c> for it,
/// the complete set of their names; <c>ManagedPolicyArns</c>, with the template's <c>AWS::IAM::ManagedPolicy</c>
/// naming it in <c>Roles</c>, the complete set of its managed policies; <c>PermissionsBoundary</c> its boundary. A
/// property the template does not state proposes nothing (CloudFormation leaves what it did not set).
/// </summary>
internal sealed class RoleResource : ICloudFormationResource
{
    public string Type => "AWS::IAM::Role";

    public IReadOnlyList<HopKind> Touches => [HopKind.Trust, HopKind.Identity];

    public IEnumerable<ProposedChange> Changes(ResourceContext resource)
    {
        if (resource.Arn() is not Proposed<string>.Set arn)
        {
            yield return resource.Unresolved(Touches, (IUnknownValue)resource.Arn());
            yield break;
        }

        var trust = resource.Policy("AssumeRolePolicyDocument");
        if (trust is not Proposed<PolicyText>.Removed)
        {
            yield return new RoleTrustChange(resource.Source, arn.Value, trust);
        }

        foreach (var change in Inline(resource, arn.Value))
        {
            yield return change;
        }

        if (resource.Get("ManagedPolicyArns") is { } managed)
        {
            yield return new RoleManagedPolicySetChange(resource.Source, arn.Value, Managed(resource, managed));
        }

        switch (resource.Text("PermissionsBoundary"))
        {
            case Proposed<string>.Removed:
                break;
            case var boundary:
                yield return new RoleBoundaryChange(resource.Source, arn.Value, boundary);
                break;
        }
    }

    private static IEnumerable<ProposedChange> Inline(ResourceContext resource, string arn)
    {
        var policies = resource.Get("Policies");
        if (policies is null)
        {
            yield break;
        }

        if (policies is UnknownNode unknown)
        {
            yield return new UnresolvedResourceChange(resource.Source, [HopKind.Identity], unknown.Property, unknown.Reason);
            yield break;
        }

        if (policies is not ListNode list)
        {
            throw TemplateErrors.At(policies, resource.PathOf("Policies"), "Policies is a list of {PolicyName, PolicyDocument}");
        }

        var names = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = resource.PathOf($"Policies[{i}]");
            if (list.Items[i] is not MapNode item)
            {
                var u = list.Items[i] as UnknownNode ?? throw TemplateErrors.At(list.Items[i], path, "an inline policy is {PolicyName, PolicyDocument}");
                yield return new UnresolvedResourceChange(resource.Source, [HopKind.Identity], u.Property, u.Reason);
                yield break;
            }

            switch (ResourceContext.Text(item["PolicyName"], path + ".PolicyName"))
            {
                case Proposed<string>.Set name:
                    names.Add(name.Value);
                    yield return new RoleInlinePolicyChange(resource.Source, arn, name.Value, PolicyDocuments.From(item["PolicyDocument"], path + ".PolicyDocument"));
                    break;
                case Proposed<string>.Unknown u:
                    yield return new UnresolvedResourceChange(resource.Source, [HopKind.Identity], u.Property, u.Reason);
                    yield break;
                default:
                    throw TemplateErrors.At(item, path, "an inline policy has a PolicyName");
            }
        }

        names.AddRange(InlinePolicyResource.NamesFor(resource));
        yield return new RoleInlinePolicySetChange(resource.Source, arn, [.. names.Distinct(StringComparer.Ordinal)]);
    }

    private static Proposed<IReadOnlyList<string>> Managed(ResourceContext resource, TemplateNode managed)
    {
        var arns = ResourceContext.Texts(managed, resource.PathOf("ManagedPolicyArns"));
        if (arns is not Proposed<IReadOnlyList<string>>.Set set)
        {
            return arns;
        }

        var all = set.Value.ToList();
        foreach (var policy in resource.Others("AWS::IAM::ManagedPolicy"))
        {
            if (ManagedPolicyResource.Attaches(policy, resource) && policy.Arn() is Proposed<string>.Set policyArn)
            {
                all.Add(policyArn.Value);
            }
        }

        return new Proposed<IReadOnlyList<string>>.Set(all);
    }

    public IEnumerable<ProposedChange> Deleted(ResourceContext resource) => resource.Arn() switch
    {
        Proposed<string>.Set arn => [new RoleDeletedChange(resource.Source, arn.Value)],
        var unknown => [resource.Unresolved(Touches, (IUnknownValue)unknown)],
    };
}
