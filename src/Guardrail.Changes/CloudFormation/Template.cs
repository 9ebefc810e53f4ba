namespace Guardrail.Changes.CloudFormation;

/// <summary>One resource of a template, as written (its properties not yet resolved).</summary>
/// <param name="LogicalId">Its logical id.</param>
/// <param name="Type">Its type (<c>AWS::S3::Bucket</c>).</param>
/// <param name="Properties">Its properties (empty when not given).</param>
/// <param name="Condition">The condition it is created under, if any.</param>
/// <param name="Line">The line of its logical id.</param>
internal sealed record TemplateResource(string LogicalId, string Type, MapNode Properties, string? Condition, int Line)
{
    public string Path => $"Resources.{LogicalId}";
}

/// <summary>A template's sections, checked for shape.</summary>
internal sealed record Template(
    IReadOnlyDictionary<string, MapNode> Parameters,
    MapNode Mappings,
    MapNode Conditions,
    IReadOnlyList<TemplateResource> Resources,
    IReadOnlyList<string> Transforms)
{
    public const string ServerlessTransform = "AWS::Serverless-2016-10-31";

    public TemplateResource? Resource(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);
}
