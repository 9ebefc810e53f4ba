namespace Guardrail.Changes;

/// <summary>What an input's values are resolved with.</summary>
/// <param name="File">The input file as the user named it (findings are located in it).</param>
/// <param name="Account">The account the input deploys to (<c>AWS::AccountId</c>, role ARNs from names); null when not given.</param>
/// <param name="Region">The Region it deploys to (<c>AWS::Region</c>); null when not given.</param>
/// <param name="Parameters">Template parameter values by name (the <c>aws cloudformation</c> CLI's parameters file), over the template's defaults.</param>
/// <param name="PhysicalIds">Physical ids of resources the stack has already created, by logical id (a key's ARN, an endpoint's id), when known.</param>
public sealed record ChangeContext(
    string File,
    string? Account,
    string? Region,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> PhysicalIds)
{
    /// <summary>The partition the ARNs are made in, from the Region (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>).</summary>
    public string Partition => Region switch
    {
        { } r when r.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        { } r when r.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    /// <summary>A context for <paramref name="file"/> with nothing else known.</summary>
    public static ChangeContext For(string file) => new(file, null, null, new Dictionary<string, string>(), new Dictionary<string, string>());
}
