using System.Text.Json.Nodes;
using Guardrail.Core.Evaluation;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The path state a restore would leave live: the live state with the one element <see cref="PathRestorer"/> writes
/// for the event put back as the known-good state has it, and nothing else changed. Judged whole before the write, so
/// what is written is judged in the path it lands in, not in the older path it was recorded with.
/// </summary>
internal static class RestoredState
{
    /// <exception cref="InvalidOperationException">The known-good state does not say what the restore would write.</exception>
    public static PathEnvelope Overlay(AccessEvent trigger, PolicyChangeEvent change, IReadOnlyList<RoleArn> chain, PathEnvelope knownGood, PathEnvelope live)
    {
        var snapshot = (JsonObject)live.Snapshot.DeepClone();
        var known = knownGood.Snapshot;
        switch (trigger.RestoreKind)
        {
            case RollbackKinds.InlinePolicy:
            {
                var role = PathRestorer.RoleOf(chain, change).Arn;
                Copy(known["roles"]?[role]?["inlinePolicies"], snapshot["roles"]?[role]?["inlinePolicies"], PathRestorer.Parameter(change, "policyName"));
                break;
            }

            case RollbackKinds.PolicyAttachment:
            {
                var role = PathRestorer.RoleOf(chain, change).Arn;
                Copy(known["roles"]?[role]?["managedPolicies"], snapshot["roles"]?[role]?["managedPolicies"], PathRestorer.Parameter(change, "policyArn"));
                break;
            }

            case RollbackKinds.PermissionsBoundary:
            {
                var role = PathRestorer.RoleOf(chain, change).Arn;
                Copy(known["roles"]?[role], snapshot["roles"]?[role], "permissionsBoundary");
                break;
            }

            case RollbackKinds.DefaultPolicyVersion:
            {
                // The policy's document, wherever the path holds it: attached to a role of the chain, or as its boundary.
                // Where the live path holds it now (the live facts): a policy the path no longer uses is not overlaid.
                var arn = PathRestorer.Parameter(change, "policyArn");
                var facts = PathFactsJson.FromJson(live.Facts);
                foreach (var (role, node) in (snapshot["roles"] as JsonObject ?? []).ToList())
                {
                    if (node?["managedPolicies"] is JsonObject managed && managed.ContainsKey(arn))
                    {
                        Copy(known["roles"]?[role]?["managedPolicies"], managed, arn);
                    }

                    if (facts.Roles.GetValueOrDefault(role)?.PermissionsBoundary?.Value == arn)
                    {
                        Copy(known["roles"]?[role], node, "permissionsBoundary");
                    }
                }

                break;
            }

            case RollbackKinds.KeyPolicy or RollbackKinds.KeyState:
            {
                var (reference, _) = PathRestorer.KeyOf(PathFactsJson.FromJson(knownGood.Facts), PathRestorer.Parameter(change, "keyId"));
                Copy(known["keys"]?[reference ?? string.Empty], snapshot["keys"]?[reference ?? string.Empty], trigger.RestoreKind == RollbackKinds.KeyPolicy ? "policy" : "state");
                break;
            }

            case RollbackKinds.BucketEncryption or RollbackKinds.OwnershipControls:
            {
                var bucket = change.BucketName ?? throw new InvalidOperationException("the event names no bucket");
                Copy(known["buckets"]?[bucket], snapshot["buckets"]?[bucket], trigger.RestoreKind == RollbackKinds.BucketEncryption ? "encryption" : "ownership");

                // The live path no longer reads the key the known-good encryption names: judge it as the known-good
                // state saw it (the write is verified by reading the whole path back).
                if (trigger.RestoreKind == RollbackKinds.BucketEncryption
                    && known["buckets"]?[bucket]?["encryption"]?["kmsKeyArn"]?.GetValue<string>() is { } keyArn
                    && known["keys"]?[keyArn] is { } key && snapshot["keys"] is JsonObject keys && !keys.ContainsKey(keyArn))
                {
                    keys[keyArn] = key.DeepClone();
                }

                break;
            }

            case RollbackKinds.LakeFormationPermissions:
            {
                // The grants the restore makes, added to the live ones (a grant only adds).
                var account = PathRestorer.LakeFormationAccount(trigger, change);
                var permissions = snapshot["lakeFormation"]?[account]?["permissions"] as JsonArray
                    ?? throw new InvalidOperationException("the live state does not hold the Lake Formation permissions the restore grants to");
                foreach (var grant in LakeFormationGrants.Of(known["lakeFormation"], live.Snapshot["lakeFormation"], account))
                {
                    permissions.Add((JsonNode)new JsonObject { ["principal"] = grant.Principal, ["resource"] = grant.Resource.DeepClone(), ["permissions"] = new JsonArray([.. grant.Permissions.Select(p => (JsonNode?)p)]) });
                }

                break;
            }

            case RollbackKinds.VpcEndpointPolicy:
            {
                var id = PathRestorer.Parameter(change, "vpcEndpointId");
                Copy(known["vpcEndpoints"]?[id], snapshot["vpcEndpoints"]?[id], "policy");
                break;
            }

            case RollbackKinds.AccessPointPolicy:
            {
                var arn = PathRestorer.AccessPointOf(known["accessPoints"], trigger, change);
                Copy(known["accessPoints"]?[arn], snapshot["accessPoints"]?[arn], "policy");
                break;
            }

            default:
                throw new InvalidOperationException($"{trigger.EventName} is never restored");
        }

        return live with { Snapshot = snapshot };
    }

    /// <summary>Sets <paramref name="to"/>[<paramref name="name"/>] to <paramref name="from"/>'s, or removes it when <paramref name="from"/> has none.</summary>
    private static void Copy(JsonNode? from, JsonNode? to, string name)
    {
        if (from is not JsonObject source || to is not JsonObject target)
        {
            throw new InvalidOperationException($"the known-good or the live state does not hold the {name} the restore writes");
        }

        if (source.TryGetPropertyValue(name, out var value))
        {
            target[name] = value?.DeepClone();
        }
        else
        {
            target.Remove(name);
        }
    }
}
