using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The one hop a restore puts back, as it is in a path's state: what <see cref="PathRestorer"/> writes for an event,
/// read out of an envelope as text, so that a rollback is verified on the hop it wrote. The rest of the path may have
/// changed since its known-good state (a bucket policy the bucket function judged ok, a trust policy, a role's tags)
/// without making the restore any less exact.
/// </summary>
internal static class RestoredHop
{
    private const string None = "(none)";

    /// <summary>What <see cref="StateIn"/> answers when the state does not say: never taken as a verified restore.</summary>
    public const string Unknown = "(not read)";

    /// <summary>The state, in <paramref name="state"/>, of the hop that <paramref name="change"/> (a <paramref name="trigger"/> call) changed.</summary>
    public static string StateIn(AccessEvent trigger, PolicyChangeEvent change, IReadOnlyList<RoleArn> chain, PathEnvelope state)
    {
        var facts = PathFactsJson.FromJson(state.Facts);
        switch (trigger.RestoreKind)
        {
            case RollbackKinds.InlinePolicy:
                return Text(state.Snapshot["roles"]?[PathRestorer.RoleOf(chain, change).Arn]?["inlinePolicies"]?[PathRestorer.Parameter(change, "policyName")]);
            case RollbackKinds.PolicyAttachment:
                var attached = facts.Roles.GetValueOrDefault(PathRestorer.RoleOf(chain, change).Arn)?.AttachedPolicyArns;
                return attached is null ? Unknown : attached.Contains(PathRestorer.Parameter(change, "policyArn"), StringComparer.Ordinal) ? "attached" : "detached";
            case RollbackKinds.PermissionsBoundary:
                return facts.Roles.GetValueOrDefault(PathRestorer.RoleOf(chain, change).Arn)?.PermissionsBoundary is { } boundary ? boundary.Value ?? None : Unknown;
            case RollbackKinds.DefaultPolicyVersion:
                return facts.DefaultVersionOf(PathRestorer.Parameter(change, "policyArn")) ?? Unknown;
            case RollbackKinds.KeyPolicy or RollbackKinds.KeyState:
                var (reference, key) = PathRestorer.KeyOf(facts, PathRestorer.Parameter(change, "keyId"));
                return key is null ? Unknown : trigger.RestoreKind == RollbackKinds.KeyPolicy ? Text(state.Snapshot["keys"]?[reference]?["policy"]) : key.State;
            case RollbackKinds.BucketEncryption:
                return facts.Buckets.GetValueOrDefault(change.BucketName ?? string.Empty)?.Encryption is { } encryption ? encryption.Value?.ToString() ?? None : Unknown;
            case RollbackKinds.OwnershipControls:
                return facts.Buckets.GetValueOrDefault(change.BucketName ?? string.Empty)?.Ownership is { } ownership ? ownership.Value ?? None : Unknown;
            case RollbackKinds.LakeFormationPermissions:
                // Grants only add: restored when every known-good grant is held (IsRestored), whatever else was granted since.
                return state.Snapshot["lakeFormation"]?[PathRestorer.LakeFormationAccount(trigger, change)]?["permissions"] is JsonArray ? "read" : Unknown;
            case RollbackKinds.VpcEndpointPolicy:
                var endpoint = state.Snapshot["vpcEndpoints"]?[PathRestorer.Parameter(change, "vpcEndpointId")] as JsonObject;
                return endpoint is null || !endpoint.ContainsKey("policy") ? Unknown : Text(endpoint["policy"]);
            case RollbackKinds.AccessPointPolicy:
                var points = state.Snapshot["accessPoints"];
                return points is JsonObject ? Text(points[PathRestorer.AccessPointOf(points, trigger, change)]?["policy"]) : Unknown;
            default:
                throw new InvalidOperationException($"{trigger.EventName} is never restored");
        }
    }

    /// <summary>Whether <paramref name="live"/> holds the hop as <paramref name="knownGood"/> had it: equal, or for grants, every known-good one held.</summary>
    public static bool IsRestored(AccessEvent trigger, PolicyChangeEvent change, IReadOnlyList<RoleArn> chain, PathEnvelope knownGood, PathEnvelope live)
    {
        var wanted = StateIn(trigger, change, chain, knownGood);
        if (wanted == Unknown || StateIn(trigger, change, chain, live) != wanted)
        {
            return false;
        }

        return trigger.RestoreKind != RollbackKinds.LakeFormationPermissions
            || LakeFormationGrants.Of(knownGood.Snapshot["lakeFormation"], live.Snapshot["lakeFormation"], PathRestorer.LakeFormationAccount(trigger, change)).Count == 0;
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? None;
}
