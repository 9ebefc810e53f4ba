using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;

namespace Guardrail.Changes.CloudFormation;

/// <summary>One resource of a template as a mapper sees it: its properties resolved on demand, its name and ARN, where it is, the template's other resources.</summary>
internal sealed class ResourceContext
{
    private readonly TemplateResolver resolver;

    public ResourceContext(TemplateResolver resolver, TemplateResource resource)
    {
        this.resolver = resolver;
        Resource = resource;
        Source = new ChangeSource(resolver.Context.File, resource.LogicalId, resource.Line > 0 ? resource.Line : null);
    }

    public TemplateResource Resource { get; }

    public string LogicalId => Resource.LogicalId;

    public ChangeContext Context => resolver.Context;

    public ChangeSource Source { get; }

    /// <summary>The path of a property, for messages and unknowns.</summary>
    public string PathOf(string property) => $"{Resource.Path}.Properties.{property}";

    /// <summary>The property, resolved (null: absent or <c>AWS::NoValue</c>).</summary>
    public TemplateNode? Get(string property) => resolver.Property(Resource, property);

    /// <summary>The template's other resources of these types that are (or may be) created.</summary>
    public IEnumerable<ResourceContext> Others(params string[] types) =>
        resolver.Template.Resources.Where(r => r != Resource && types.Contains(r.Type, StringComparer.Ordinal) && resolver.IsCreated(r) is true).Select(r => new ResourceContext(resolver, r));

    /// <summary>This resource's name (physical id, name property, or placeholder), or why it is unknown.</summary>
    public Proposed<string> Name() => resolver.BareName(Resource, Resource.Line, PathOf(ResourceIdentity.For(Resource.Type).NameProperty ?? "(name)")).Name switch
    {
        ScalarNode s => new Proposed<string>.Set(s.Value),
        UnknownNode u => new Proposed<string>.Unknown(u.Property, u.Reason),
        _ => new Proposed<string>.Unknown(Resource.Path, "the resource is not created"),
    };

    /// <summary>This resource's ARN (roles, managed policies, keys), or why it is unknown.</summary>
    public Proposed<string> Arn()
    {
        var path = PathOf(ResourceIdentity.For(Resource.Type).NameProperty ?? "(name)");
        return resolver.BareName(Resource, Resource.Line, path) switch
        {
            (ScalarNode s, var placeholder) => Text(resolver.Arn(Resource, s.Value, placeholder, Resource.Line, path), path),
            (UnknownNode u, _) => new Proposed<string>.Unknown(u.Property, u.Reason),
            _ => new Proposed<string>.Unknown(Resource.Path, "the resource is not created"),
        };
    }

    /// <summary>The ARN of the role named <paramref name="roleName"/>: the template's role of that name (with its path), else one at <c>/</c> in the account.</summary>
    public Proposed<string> RoleArn(string roleName, string path)
    {
        if (roleName.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new Proposed<string>.Set(roleName);
        }

        foreach (var role in Others("AWS::IAM::Role"))
        {
            if (role.Name() is Proposed<string>.Set set && set.Value == roleName)
            {
                return role.Arn();
            }
        }

        return Context.Account is { } account
            ? new Proposed<string>.Set($"arn:{Context.Partition}:iam::{account}:role/{roleName}")
            : new Proposed<string>.Unknown(path, "a role's ARN needs the account (--account)");
    }

    public Proposed<string> Text(string property) => Text(Get(property), PathOf(property));

    public Proposed<IReadOnlyList<string>> Texts(string property) => Texts(Get(property), PathOf(property));

    public Proposed<PolicyText> Policy(string property) => PolicyDocuments.From(Get(property), PathOf(property));

    /// <summary>A change saying this resource may edit <paramref name="hops"/> but its identity is not known.</summary>
    public UnresolvedResourceChange Unresolved(IReadOnlyList<HopKind> hops, IUnknownValue unknown) => new(Source, hops, unknown.Property, unknown.Reason);

    public static Proposed<string> Text(TemplateNode? node, string path) => node switch
    {
        null => new Proposed<string>.Removed(),
        ScalarNode { Kind: ScalarKind.Null } => new Proposed<string>.Removed(),
        ScalarNode s => new Proposed<string>.Set(s.Value),
        UnknownNode u => new Proposed<string>.Unknown(u.Property, u.Reason),
        _ => throw TemplateErrors.At(node, path, "expected a text"),
    };

    public static Proposed<IReadOnlyList<string>> Texts(TemplateNode? node, string path)
    {
        switch (node)
        {
            case null:
                return new Proposed<IReadOnlyList<string>>.Removed();
            case UnknownNode u:
                return new Proposed<IReadOnlyList<string>>.Unknown(u.Property, u.Reason);
            case ListNode l:
                var texts = new List<string>(l.Items.Count);
                for (var i = 0; i < l.Items.Count; i++)
                {
                    switch (Text(l.Items[i], TemplateErrors.Index(path, i)))
                    {
                        case Proposed<string>.Set s:
                            texts.Add(s.Value);
                            break;
                        case Proposed<string>.Unknown u:
                            return new Proposed<IReadOnlyList<string>>.Unknown(u.Property, u.Reason);
                    }
                }

                return new Proposed<IReadOnlyList<string>>.Set(texts);
            default:
                throw TemplateErrors.At(node, path, "expected a list of texts");
        }
    }
}
