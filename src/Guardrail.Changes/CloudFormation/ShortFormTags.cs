namespace Guardrail.Changes.CloudFormation;

/// <summary>CloudFormation's YAML short forms (<c>!Ref</c>, <c>!Sub</c>...) and the function key each stands for.</summary>
internal static class ShortFormTags
{
    private static readonly Dictionary<string, string> Functions = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Join"] = "Fn::Join",
        ["!If"] = "Fn::If",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!Base64"] = "Fn::Base64",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Cidr"] = "Fn::Cidr",
        ["!Transform"] = "Fn::Transform",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
    };

    /// <summary>The function key of <paramref name="tag"/>, or null when it is not a short form.</summary>
    public static string? Function(string tag) => Functions.GetValueOrDefault(tag);

    /// <summary>Tags that only say "a string" (the non-specific <c>!</c>, YAML's <c>!!str</c>).</summary>
    public static bool IsString(string tag) => tag is "!" or "tag:yaml.org,2002:str";
}
