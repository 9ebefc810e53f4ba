using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Tests.Terraform;

/// <summary>A proposed change as the corpus's expected.json lists it: type, subject, what is proposed, the unknown property, a short value.</summary>
internal sealed record ChangeDescription(string Type, string Subject, string Proposed, string? Property, string Address, string? Value, int? Line)
{
    public static ChangeDescription Of(ProposedChange change)
    {
        var (proposed, property, value) = change switch
        {
            UnresolvedResourceChange c => ("unknown", c.Property, null),
            RoleDeletedChange or BucketDeletedChange => ("none", null, null),
            RoleInlinePolicySetChange c => ("none", null, string.Join(",", c.PolicyNames)),
            RoleManagedPolicyAttachmentChange c => (c.Attached ? "attached" : "detached", null, c.PolicyArn),
            LakeFormationPermissionChange c => Kind(c.Permission) is var (k, p, _) && k == "set"
                ? (c.Granted ? "granted" : "revoked", null, Lf(((Proposed<LfPermission>.Set)c.Permission).Value))
                : (k, p, null),
            BucketPolicyChange c => Kind(c.Policy),
            RoleTrustChange c => Kind(c.Policy),
            RoleInlinePolicyChange c => Kind(c.Policy) with { Item3 = c.PolicyName },
            ManagedPolicyChange c => Kind(c.Policy),
            KeyPolicyChange c => Kind(c.Policy),
            VpcEndpointPolicyChange c => Kind(c.Policy),
            OrganizationPolicyChange c => Kind(c.Policy) with { Item3 = $"{c.Type} {(c.Existing ? "existing" : "new")}" },
            RoleBoundaryChange c => Kind(c.PolicyArn),
            RoleManagedPolicySetChange c => Kind(c.PolicyArns),
            KeyStateChange c => Kind(c.State),
            ClusterRolesChange c => Kind(c.IamRoles),
            BucketEncryptionChange c => Kind(c.Encryption),
            BucketOwnershipChange c => Kind(c.Ownership),
            _ => throw new InvalidOperationException(change.GetType().Name),
        };
        return new ChangeDescription(change.GetType().Name, change.Subject, proposed, property, change.Source.Resource, value, change.Source.Line);
    }

    private static (string Kind, string? Property, string? Value) Kind<T>(Proposed<T> proposed)
        where T : notnull => proposed switch
        {
            Proposed<T>.Set set => ("set", null, Show(set.Value)),
            Proposed<T>.Removed => ("removed", null, null),
            Proposed<T>.Unknown unknown => ("unknown", unknown.Property, null),
            _ => throw new InvalidOperationException(),
        };

    private static string? Show(object value) => value switch
    {
        PolicyText => null,
        string s => s,
        IReadOnlyList<string> list => string.Join(",", list),
        BucketEncryption e => $"{e.Algorithm} {e.KmsKeyArn} {e.BucketKeyEnabled}",
        _ => value.ToString(),
    };

    private static string Lf(LfPermission p) => p.Resource switch
    {
        LfResource.Table t => $"Table {t.DatabaseName}.{t.Name}",
        LfResource.AllTables t => $"AllTables {t.DatabaseName}",
        LfResource.Database d => $"Database {d.Name}",
        LfResource.TableWithColumns t => $"TableWithColumns {t.DatabaseName}.{t.Name}",
        LfResource.TagPolicy t => $"TagPolicy {t.ResourceType}",
        _ => "?",
    } + " " + string.Join(",", p.Permissions);
}
