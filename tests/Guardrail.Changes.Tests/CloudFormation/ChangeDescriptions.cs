using System.Text.Json.Nodes;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Tests.CloudFormation;

/// <summary>A proposed change as the corpus's expected.json writes it: type, subject, line, what is proposed and, for policies, the statement lines.</summary>
internal static class ChangeDescriptions
{
    public static JsonObject Describe(ProposedChange change)
    {
        var o = new JsonObject
        {
            ["type"] = change.GetType().Name,
            ["resource"] = change.Source.Resource,
            ["subject"] = change.Subject,
            ["line"] = change.Source.Line,
        };
        switch (change)
        {
            case BucketPolicyChange c: Proposed(o, c.Policy); break;
            case RoleTrustChange c: Proposed(o, c.Policy); break;
            case RoleInlinePolicyChange c: o["name"] = c.PolicyName; Proposed(o, c.Policy); break;
            case ManagedPolicyChange c: Proposed(o, c.Policy); break;
            case KeyPolicyChange c: Proposed(o, c.Policy); break;
            case VpcEndpointPolicyChange c: Proposed(o, c.Policy); break;
            case OrganizationPolicyChange c: o["policyType"] = c.Type.ToString(); o["existing"] = c.Existing; Proposed(o, c.Policy); break;
            case BucketEncryptionChange c: Value(o, c.Encryption, e => new JsonArray(e.Algorithm.ToString(), e.KmsKeyArn, e.BucketKeyEnabled)); break;
            case BucketOwnershipChange c: Value(o, c.Ownership, v => v.ToString()); break;
            case KeyStateChange c: Value(o, c.State, v => v); break;
            case RoleBoundaryChange c: Value(o, c.PolicyArn, v => v); break;
            case RoleManagedPolicySetChange c: Value(o, c.PolicyArns, v => new JsonArray([.. v.Select(s => (JsonNode)s)])); break;
            case ClusterRolesChange c: o["kind"] = c.Kind.ToString(); Value(o, c.IamRoles, v => new JsonArray([.. v.Select(s => (JsonNode)s)])); break;
            case RoleInlinePolicySetChange c: o["proposed"] = "set"; o["value"] = new JsonArray([.. c.PolicyNames.Select(s => (JsonNode)s)]); break;
            case RoleManagedPolicyAttachmentChange c: o["proposed"] = c.Attached ? "attached" : "detached"; o["value"] = c.PolicyArn; break;
            case LakeFormationPermissionChange c: o["account"] = c.Account; Value(o, c.Permission, Permission); break;
            case UnresolvedResourceChange c:
                o["proposed"] = "unknown";
                o["property"] = c.Property;
                o["reason"] = c.Reason;
                o["hops"] = new JsonArray([.. c.Affects.Select(h => (JsonNode)h.ToString())]);
                break;
        }

        return o;
    }

    private static void Proposed(JsonObject o, Proposed<PolicyText> policy)
    {
        Value(o, policy, p => JsonNode.Parse(p.Json));
        if (policy is Proposed<PolicyText>.Set set)
        {
            o["statementLines"] = new JsonArray([.. set.Value.StatementLines.Select(l => (JsonNode)l)]);
        }
    }

    private static void Value<T>(JsonObject o, Proposed<T> proposed, Func<T, JsonNode?> value)
        where T : notnull
    {
        switch (proposed)
        {
            case Proposed<T>.Set set:
                o["proposed"] = "set";
                o["value"] = value(set.Value);
                break;
            case Proposed<T>.Removed:
                o["proposed"] = "removed";
                break;
            case Proposed<T>.Unknown unknown:
                o["proposed"] = "unknown";
                o["property"] = unknown.Property;
                o["reason"] = unknown.Reason;
                break;
        }
    }

    private static JsonNode Permission(LfPermission p) => new JsonObject
    {
        ["principal"] = p.Principal,
        ["resource"] = p.Resource.ToString(),
        ["permissions"] = new JsonArray([.. p.Permissions.Select(s => (JsonNode)s)]),
    };
}
