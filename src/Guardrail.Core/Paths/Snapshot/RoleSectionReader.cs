using System.Text.Json;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the <c>roles</c> section: per role ARN, its trust policy, permissions and boundary, and tags.</summary>
internal static class RoleSectionReader
{
    private static readonly KnownNames RoleNames = new("trustPolicy", "inlinePolicies", "managedPolicies", "permissionsBoundary", "tags");

    public static Dictionary<string, RoleFacts> Read(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, RoleArn.Problem, static (role, rolePath, _) => Role(role, rolePath));

    private static RoleFacts Role(JsonElement element, JsonLocation path)
    {
        var role = SnapshotObject.Read(element, path, RoleNames);
        var trust = role.TryGet(0, out var trustElement, out var trustPath) ? SnapshotPolicies.Read(trustElement, trustPath, PolicyKind.Trust) : null;
        var inline = role.TryGet(1, out var inlineElement, out var inlinePath)
            ? SnapshotPolicies.ReadNamed(inlineElement, inlinePath, AwsIdentifiers.PolicyNameProblem, PolicyKind.Identity)
            : null;
        var managed = role.TryGet(2, out var managedElement, out var managedPath)
            ? SnapshotPolicies.ReadNamed(managedElement, managedPath, AwsIdentifiers.ManagedPolicyArnProblem, PolicyKind.Identity)
            : null;
        var boundary = role.TryGet(3, out var boundaryElement, out var boundaryPath) ? SnapshotPolicies.ReadGiven(boundaryElement, boundaryPath, PolicyKind.Identity) : null;
        var tags = role.TryGet(4, out var tagsElement, out var tagsPath) ? SnapshotJson.StringMap(tagsElement, tagsPath, TagKeyProblem) : null;
        return new RoleFacts(trust, inline, managed, boundary, tags);
    }

    // IAM tag keys are 1 to 128 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
    private static string? TagKeyProblem(string key) => key.Length is >= 1 and <= 128 ? null : "a tag key has 1 to 128 characters";
}
