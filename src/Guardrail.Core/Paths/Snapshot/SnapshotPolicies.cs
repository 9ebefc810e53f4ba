using System.Text.Json;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Reads the policy documents a snapshot embeds, as a JSON object (its text is the object's raw JSON) or as a JSON
/// string holding the policy, with the policy parser; its errors are named after the snapshot path of the document,
/// e.g. <c>roles["arn:..."].inlinePolicies.s3: Statement[0].Effect: ...</c>.
/// </summary>
internal static class SnapshotPolicies
{
    /// <summary>A policy that must be there.</summary>
    public static PolicyDocument Read(JsonElement element, JsonLocation path, PolicyKind kind)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.Object => element.GetRawText(),
            JsonValueKind.String => SnapshotJson.String(element, path),
            _ => throw SnapshotJson.Error(path, $"expected a policy (a JSON object, or a string holding one), got {JsonText.Describe(element)}"),
        };

        try
        {
            return PolicyParser.Parse(text, kind);
        }
        catch (PolicyParseException e)
        {
            throw SnapshotJson.Error(path, e.Message);
        }
    }

    /// <summary>A policy that may be known to be absent: <c>null</c> is "there is none".</summary>
    public static Given<PolicyDocument> ReadGiven(JsonElement element, JsonLocation path, PolicyKind kind) =>
        new(element.ValueKind == JsonValueKind.Null ? null : Read(element, path, kind));

    /// <summary>A map of policy documents, each named by its key (inline policy name, managed policy ARN).</summary>
    public static List<NamedPolicy> ReadNamed(JsonElement element, JsonLocation path, Func<string, string?> nameProblem, PolicyKind kind) =>
        [.. SnapshotJson.Map(element, path, nameProblem, (value, valuePath, name) => new NamedPolicy(name, Read(value, valuePath, kind))).Values];

    /// <summary>Organization policies: per account id, the levels from the root down, each a list of documents.</summary>
    public static Dictionary<string, IReadOnlyList<IReadOnlyList<PolicyDocument>>> ReadLevels(JsonElement element, JsonLocation path, PolicyKind kind) =>
        SnapshotJson.Map<IReadOnlyList<IReadOnlyList<PolicyDocument>>>(
            element,
            path,
            Identifiers.AwsIdentifiers.AccountIdProblem,
            (levels, levelsPath, _) => SnapshotJson.Array<IReadOnlyList<PolicyDocument>>(
                levels,
                levelsPath,
                (level, levelPath) => SnapshotJson.Array(level, levelPath, (document, documentPath) => Read(document, documentPath, kind))));
}
