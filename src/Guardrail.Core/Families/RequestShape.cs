using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Families;

/// <summary>
/// One kind of request Spectrum must be able to make, standing for every request of that kind: the action and the
/// context that stay fixed, the resource (one ARN, or every object under a table location) and the ranges it takes
/// every value of. The family of requests is never materialised: each statement is decided over a shape's ranges
/// from its own constants.
/// </summary>
/// <param name="Action">The API action, e.g. <c>s3:GetObject</c>.</param>
/// <param name="Context">The context keys that do not vary within the shape.</param>
/// <param name="Resource">What the requests target.</param>
/// <param name="Dimensions">The ranges whose every value the requests take, in the order descriptions name them.</param>
/// <param name="Head">Describes a request of the shape for a resource text (an ARN, or a family of ARNs).</param>
public sealed record RequestShape(
    string Action,
    RequestContext Context,
    ShapeResource Resource,
    IReadOnlyList<NumericDimension> Dimensions,
    Func<string, string> Head)
{
    /// <summary>
    /// Ranges the requests take one unknown value of, or leave out (as the context has it): the signature age of a
    /// listing, which AWS does not document. A clause on such a key is certain only if every value agrees.
    /// </summary>
    public IReadOnlyList<NumericDimension> UnknownDimensions { get; init; } = [];

    /// <summary>The shape in words, for findings about the whole shape.</summary>
    public string Summary => Head(Resource switch
    {
        FixedResource fixedResource => Describe(fixedResource.Value),
        ObjectFamily family => family.FamilyPrefix + "*",
        _ => string.Empty,
    });

    /// <summary>The concrete request at one point of every dimension and one resource, described for people.</summary>
    /// <param name="points">One point per dimension, in <see cref="Dimensions"/> order.</param>
    /// <param name="resource">The resource of the request.</param>
    /// <param name="principal">Who makes it.</param>
    /// <param name="shown">Which dimensions a description names (those where the point matters).</param>
    public AccessRequest At(ReadOnlySpan<long> points, ResourceValue resource, RequestPrincipal principal, ReadOnlySpan<bool> shown)
    {
        var context = Context;
        var description = new System.Text.StringBuilder(Head(Describe(resource)));
        for (var i = 0; i < Dimensions.Count; i++)
        {
            context = Dimensions[i].At(context, points[i]);
            if (shown[i])
            {
                description.Append(Dimensions[i].Describe(points[i]));
            }
        }

        return new AccessRequest(Action, resource, principal, context, description.ToString());
    }

    /// <summary>The same request without a description, for evaluation only (most cells are never shown).</summary>
    /// <param name="points">One point per dimension, in <see cref="Dimensions"/> order.</param>
    /// <param name="resource">The resource of the request.</param>
    /// <param name="principal">Who makes it.</param>
    /// <param name="world">The fixed context to start from (the shape's, or one of its possible worlds).</param>
    public AccessRequest Silent(ReadOnlySpan<long> points, ResourceValue resource, RequestPrincipal principal, RequestContext? world = null)
    {
        var context = world ?? Context;
        for (var i = 0; i < Dimensions.Count; i++)
        {
            context = Dimensions[i].At(context, points[i]);
        }

        return new AccessRequest(Action, resource, principal, context, string.Empty);
    }

    private static string Describe(ResourceValue resource) => resource switch
    {
        ConcreteResource concrete => concrete.Arn,
        UnknownResource family => family.ArnFamily,
        _ => string.Empty,
    };
}

/// <summary>What the requests of a shape target.</summary>
public abstract record ShapeResource
{
    private protected ShapeResource()
    {
    }
}

/// <summary>One resource (a bucket, a role, or objects whose keys were not given).</summary>
public sealed record FixedResource(ResourceValue Value) : ShapeResource;

/// <summary>Every object whose ARN starts with <paramref name="FamilyPrefix"/> (a table location).</summary>
public sealed record ObjectFamily(string FamilyPrefix) : ShapeResource
{
    /// <summary>The object that stands for the keys no pattern singles out.</summary>
    public ConcreteResource Probe { get; } = new(ObjectCandidates.ProbeFor(FamilyPrefix));
}
