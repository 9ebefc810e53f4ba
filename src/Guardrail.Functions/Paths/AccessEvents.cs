using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The CloudTrail calls that can cut Spectrum's access path beyond the bucket and trust policies, as data: for each,
/// its service, what it touched (from CloudTrail's request parameters) and the kind of restore that undoes it
/// exactly — or why it is alerted and never restored. Adding an event is adding a row.
/// </summary>
public static class AccessEvents
{
    private const string Iam = "iam.amazonaws.com";
    private const string Kms = "kms.amazonaws.com";
    private const string S3 = "s3.amazonaws.com";
    private const string Redshift = "redshift.amazonaws.com";
    private const string Serverless = "redshift-serverless.amazonaws.com";
    private const string Glue = "glue.amazonaws.com";
    private const string Organizations = "organizations.amazonaws.com";

    private const string ClusterWhy = "changing a cluster's or namespace's roles can interrupt its other workloads; re-attach the role deliberately (modify-cluster-iam-roles --add-iam-roles, or update-namespace with iamRoles and defaultIamRoleArn)";
    private const string GlueWhy = "the catalog's resource policy serves every consumer of the catalog; restore it deliberately (glue put-resource-policy)";
    private const string OrganizationWhy = "SCPs and RCPs govern the whole organization; only its administrators should change them back";
    private const string DeleteRoleWhy = "a deleted role cannot be restored: a new role of the same name gets a new unique id, which policies naming the old one no longer match";
    private const string GrantWhy = "a re-created grant gets a new id and takes effect eventually; create it again deliberately (kms create-grant)";

    /// <summary>Every call the access-path function reacts to.</summary>
    public static IReadOnlyList<AccessEvent> All { get; } =
    [
        new(Iam, "PutRolePolicy", c => Role(c), RollbackKinds.InlinePolicy),
        new(Iam, "DeleteRolePolicy", c => Role(c), RollbackKinds.InlinePolicy),
        new(Iam, "AttachRolePolicy", c => Role(c), RollbackKinds.PolicyAttachment),
        new(Iam, "DetachRolePolicy", c => Role(c), RollbackKinds.PolicyAttachment),
        new(Iam, "PutRolePermissionsBoundary", c => Role(c), RollbackKinds.PermissionsBoundary),
        new(Iam, "DeleteRolePermissionsBoundary", c => Role(c), RollbackKinds.PermissionsBoundary),
        new(Iam, "CreatePolicyVersion", c => Parameter(c, "policyArn") is { } arn ? new PathTouch.ManagedPolicy(arn) : null, RollbackKinds.DefaultPolicyVersion),
        new(Iam, "SetDefaultPolicyVersion", c => Parameter(c, "policyArn") is { } arn ? new PathTouch.ManagedPolicy(arn) : null, RollbackKinds.DefaultPolicyVersion),
        new(Iam, "DeleteRole", c => Role(c), null, DeleteRoleWhy),
        new(Kms, "PutKeyPolicy", c => new PathTouch.Key(Parameter(c, "keyId")), RollbackKinds.KeyPolicy),
        new(Kms, "DisableKey", c => new PathTouch.Key(Parameter(c, "keyId")), RollbackKinds.KeyState),
        new(Kms, "ScheduleKeyDeletion", c => new PathTouch.Key(Parameter(c, "keyId")), RollbackKinds.KeyState),
        new(Kms, "RevokeGrant", c => new PathTouch.Key(Parameter(c, "keyId")), null, GrantWhy),
        new(Kms, "RetireGrant", c => new PathTouch.Key(Parameter(c, "keyId")), null, GrantWhy),
        new(S3, "PutBucketEncryption", c => Bucket(c), RollbackKinds.BucketEncryption),
        new(S3, "DeleteBucketEncryption", c => Bucket(c), RollbackKinds.BucketEncryption),
        new(S3, "PutBucketOwnershipControls", c => Bucket(c), RollbackKinds.OwnershipControls),
        new(S3, "DeleteBucketOwnershipControls", c => Bucket(c), RollbackKinds.OwnershipControls),
        new(Redshift, "ModifyClusterIamRoles", c => Parameter(c, "clusterIdentifier") is { } id ? new PathTouch.Cluster(ClusterKind.Provisioned, id) : null, null, ClusterWhy),
        new(Redshift, "ModifyCluster", c => Parameter(c, "clusterIdentifier") is { } id ? new PathTouch.Cluster(ClusterKind.Provisioned, id) : null, null, ClusterWhy),
        new(Serverless, "UpdateNamespace", c => Parameter(c, "namespaceName") is { } name ? new PathTouch.Cluster(ClusterKind.Serverless, name) : null, null, ClusterWhy),
        new(Glue, "PutResourcePolicy", c => new PathTouch.Catalog(c.Account), null, GlueWhy),
        new(Glue, "DeleteResourcePolicy", c => new PathTouch.Catalog(c.Account), null, GlueWhy),
        new(Organizations, "UpdatePolicy", _ => new PathTouch.Organization(), null, OrganizationWhy),
        new(Organizations, "AttachPolicy", _ => new PathTouch.Organization(), null, OrganizationWhy),
        new(Organizations, "DetachPolicy", _ => new PathTouch.Organization(), null, OrganizationWhy),
    ];

    /// <summary>The drift scan's pseudo-event: it judges every path, and never rolls anything back.</summary>
    public static AccessEvent DriftScan { get; } = new("guardrail", "DriftScan", _ => null, null, "the drift scan never rolls back: without an event there is no change to undo exactly");

    /// <summary>The row for an event, or null when the access-path function does not handle it.</summary>
    public static AccessEvent? Of(PolicyChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return All.FirstOrDefault(e => e.EventSource == change.EventSource && e.EventName == change.EventName);
    }

    // IAM records a role call in the role's own account.
    private static PathTouch.Role? Role(PolicyChangeEvent change) => change.RoleName is { } name ? new PathTouch.Role(name, change.Account) : null;

    private static PathTouch.Bucket? Bucket(PolicyChangeEvent change) => change.BucketName is { } name ? new PathTouch.Bucket(name) : null;

    private static string? Parameter(PolicyChangeEvent change, string name) => change.Parameters.GetValueOrDefault(name);
}

/// <summary>One call the access-path function reacts to.</summary>
/// <param name="EventSource">CloudTrail's <c>eventSource</c>.</param>
/// <param name="EventName">CloudTrail's <c>eventName</c>.</param>
/// <param name="Touched">What it touched, from the event; null when the event does not say (its parameters were omitted).</param>
/// <param name="RestoreKind">The <c>GUARDRAIL_ROLLBACK</c> kind that undoes it; null when it is never restored.</param>
/// <param name="NoRestoreReason">Why it is never restored.</param>
public sealed record AccessEvent(string EventSource, string EventName, Func<PolicyChangeEvent, PathTouch?> Touched, string? RestoreKind, string? NoRestoreReason = null);
