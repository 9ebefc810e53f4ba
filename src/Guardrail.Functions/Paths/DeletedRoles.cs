using System.Text.Json.Nodes;
using Guardrail.Aws.Collect;

namespace Guardrail.Functions.Paths;

/// <summary>
/// A role of the chain that IAM says does not exist (<c>GetRole</c>: <c>NoSuchEntity</c>, after a DeleteRole) is a
/// fact about the path, not a failure to read it: for Spectrum it is a role nobody may assume and that grants
/// nothing. The snapshot schema has no "deleted" role, so it is written as exactly that: a trust policy whose one
/// statement, <see cref="StatementId"/>, denies everything, and no policies, so that the alert's finding names it.
/// Any other failed read still stops the judgement.
/// </summary>
internal static class DeletedRoles
{
    /// <summary>The statement the alert names for a role that does not exist.</summary>
    public const string StatementId = "RoleDoesNotExist";

    private const string NoSuchEntity = "NoSuchEntity";

    /// <summary>The ARNs of the chain's roles that IAM answered <c>NoSuchEntity</c> for.</summary>
    public static IReadOnlySet<string> In(PathTarget target, IReadOnlyList<ReadFailure> failures) =>
        target.Chain.Select(r => r.Arn)
            .Where(arn => failures.Any(f => f is { Call: "iam:GetRole", Code: NoSuchEntity } && f.Resource == arn))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="failure"/> only says that one of <paramref name="deleted"/> does not exist (its listings fail the same way).</summary>
    public static bool Explains(IReadOnlySet<string> deleted, ReadFailure failure) =>
        failure.Code == NoSuchEntity && deleted.Contains(failure.Resource);

    /// <summary>Writes each deleted role into the snapshot's <c>roles</c> section as a role that can be neither assumed nor used.</summary>
    public static JsonObject Mark(JsonObject snapshot, IReadOnlySet<string> deleted)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (deleted.Count == 0 || snapshot["roles"] is not JsonObject roles)
        {
            return snapshot;
        }

        foreach (var arn in deleted)
        {
            roles[arn] = new JsonObject
            {
                ["trustPolicy"] = new JsonObject
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new JsonArray(new JsonObject { ["Sid"] = StatementId, ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "*" }),
                },
                ["inlinePolicies"] = new JsonObject(),
                ["managedPolicies"] = new JsonObject(),
                ["permissionsBoundary"] = null,
            };
        }

        return snapshot;
    }
}
