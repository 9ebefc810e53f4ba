using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Text;

namespace Guardrail.Changes.CloudFormation;

/// <summary>
/// A CloudFormation or SAM template (JSON or YAML) read as proposed changes: each resource whose type can change
/// Spectrum's path (<see cref="CloudFormationResources"/>) is resolved with the context and mapped; resources whose
/// condition is false are skipped, those whose condition is not known are unresolved for the hops they may touch. A
/// template with a macro other than SAM's or <c>AWS::LanguageExtensions</c> is unresolved as a whole (the macro may
/// rewrite anything).
/// </summary>
public sealed class CloudFormationTemplateInput : IChangeInput
{
    private static readonly HashSet<string> UnderstoodTransforms = new(StringComparer.Ordinal) { Template.ServerlessTransform, "AWS::LanguageExtensions" };

    public string Format => "cloudformation";

    public IReadOnlyList<ProposedChange> Read(string text, ChangeContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var template = TemplateReader.Read(text);
        var resolver = new TemplateResolver(template, context);
        var changes = new List<ProposedChange>();
        foreach (var macro in template.Transforms.Where(t => !UnderstoodTransforms.Contains(t)))
        {
            changes.Add(new UnresolvedResourceChange(
                new ChangeSource(context.File, "Transform", null),
                [HopKind.Trust, HopKind.Association, HopKind.Identity, HopKind.Bucket, HopKind.Key, HopKind.Ownership, HopKind.LakeFormation, HopKind.VpcEndpoint],
                "Transform",
                $"the macro {SafeText.Quote(macro)} rewrites the template before deployment; judge its output"));
        }

        foreach (var resource in template.Resources)
        {
            if (CloudFormationResources.For(resource.Type) is not { } mapper)
            {
                continue;
            }

            var view = new ResourceContext(resolver, resource);
            switch (resolver.IsCreated(resource))
            {
                case false:
                    continue;
                case null when mapper.Touches.Count > 0:
                    changes.Add(new UnresolvedResourceChange(view.Source, mapper.Touches, $"{resource.Path}.Condition", $"condition {resource.Condition} is not known"));
                    continue;
                case null:
                    continue;
            }

            changes.AddRange(mapper.Changes(view));
        }

        return changes;
    }
}
