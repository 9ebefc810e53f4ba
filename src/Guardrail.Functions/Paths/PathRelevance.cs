using System.Text.Json.Nodes;
using Guardrail.Core.Identifiers;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>
/// Whether an event about a shared document — a managed policy, a KMS key, an organization policy — can concern a
/// path, by the documents its last collected state (its known-good record) holds: a policy attached to none of its
/// roles nor a boundary of one, or a key none of its buckets uses, cannot cut it, so nothing is collected. A path
/// with no verified last state may be concerned by anything (it is judged).
/// </summary>
internal static class PathRelevance
{
    public static bool MayConcern(PathTouch? touch, PathEnvelope? lastCollected)
    {
        if (touch is null || lastCollected is null)
        {
            return true;
        }

        var facts = PathFactsJson.FromJson(lastCollected.Facts);
        return touch switch
        {
            PathTouch.ManagedPolicy policy =>
                facts.Roles.Values.Any(r => r.AttachedPolicyArns is null || r.AttachedPolicyArns.Contains(policy.Arn, StringComparer.Ordinal)
                    || r.PermissionsBoundary is null || r.PermissionsBoundary.Value == policy.Arn),
            PathTouch.Key { Id: { } id } => PathRestorer.KeyOf(facts, id).Key is not null || facts.Keys.Count == 0 && UsesAnyKey(lastCollected),
            PathTouch.Organization => lastCollected.Snapshot["organization"] is not null,
            // A section the last state does not have was not read (an older collector): the path may be concerned.
            PathTouch.LakeFormation lf => lastCollected.Snapshot["lakeFormation"] is not JsonObject section || section.ContainsKey(lf.Account),
            PathTouch.VpcEndpoint { Id: { } id } => lastCollected.Snapshot["vpcEndpoints"] is not JsonObject endpoints || endpoints.ContainsKey(id),
            PathTouch.AccessPoint { Name: { } name } point => lastCollected.Snapshot["accessPoints"] is not JsonObject points
                || points.Any(p => AwsArn.Parse(p.Key) is { } arn && arn.Account == point.Account && arn.Resource == "accesspoint/" + name),
            _ => true,
        };
    }

    /// <summary>A path whose buckets use SSE-KMS but whose key facts were not read: any key may be its.</summary>
    private static bool UsesAnyKey(PathEnvelope state) =>
        (state.Snapshot["buckets"] as JsonObject ?? []).Any(b => b.Value?["encryption"]?["kmsKeyArn"] is not null);
}
