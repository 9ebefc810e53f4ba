using Guardrail.Core.Identifiers;
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
    private const string LakeFormation = "lakeformation.amazonaws.com";
    private const string Ec2 = "ec2.amazonaws.com";

    private const string ClusterWhy = "changing a cluster's or namespace's roles can interrupt its other workloads; re-attach the role deliberately (modify-cluster-iam-roles --add-iam-roles, or update-namespace with iamRoles and defaultIamRoleArn)";
    private const string GlueWhy = "the catalog's resource policy serves every consumer of the catalog; restore it deliberately (glue put-resource-policy)";
    private const string OrganizationWhy = "SCPs and RCPs govern the whole organization; only its administrators should change them back";
    private const string DeleteRoleWhy = "a deleted role cannot be restored: a new role of the same name gets a new unique id, which policies naming the old one no longer match";
    private const string GrantWhy = "a re-created grant gets a new id and takes effect eventually; create it again deliberately (kms create-grant)";
    private const string LfGrantWhy = "a grant only adds permissions, and the guardrail never takes away what someone granted; revoke it deliberately (lakeformation revoke-permissions)";
    private const string LfRegistrationWhy = "a location's registration and its role decide which role Lake Formation vends credentials from, for every consumer of the location; register it again deliberately (lakeformation register-resource, or update-resource with the known-good role)";
    private const string LfSettingsWhy = "the data lake settings (administrators, default permissions for new databases and tables) govern the whole catalog; restore them deliberately (lakeformation put-data-lake-settings)";
    private const string LfTagWhy = "LF-tags decide what every tag-based grant reaches, for every principal of the catalog; restore them deliberately (lakeformation add-lf-tags-to-resource, update-lf-tag, create-lf-tag)";
    private const string LfOptInWhy = "an opt-in decides whether a principal is governed by Lake Formation or by IAM in hybrid access mode, an administrator's choice; change it back deliberately (lakeformation create-lake-formation-opt-in or delete-lake-formation-opt-in)";
    private const string EndpointDeletedWhy = "a deleted VPC endpoint cannot be restored: a new endpoint gets a new id, which policies naming the old one (aws:SourceVpce) no longer match, and new routes";
    private const string WorkgroupWhy = "changing a workgroup's network settings (enhanced VPC routing, subnets, security groups) can interrupt its other workloads; change it back deliberately (redshift-serverless update-workgroup)";
    private const string AccessPointDeletedWhy = "a deleted access point cannot be restored: a new one of the same name gets a new alias, which table locations naming the old alias no longer reach";
    private const string EvidenceWhy = "a failed call is evidence that Spectrum is failing now, not a change: there is nothing to undo, so the path is judged and alerted, never rolled back";

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
        new(LakeFormation, "GrantPermissions", c => Lf(c, Parameter(c, "principal")), null, LfGrantWhy),
        new(LakeFormation, "BatchGrantPermissions", c => Lf(c, null), null, LfGrantWhy),
        new(LakeFormation, "RevokePermissions", c => Lf(c, Parameter(c, "principal")), RollbackKinds.LakeFormationPermissions),
        new(LakeFormation, "BatchRevokePermissions", c => Lf(c, null), RollbackKinds.LakeFormationPermissions),
        new(LakeFormation, "RegisterResource", c => Location(c), null, LfRegistrationWhy),
        new(LakeFormation, "DeregisterResource", c => Location(c), null, LfRegistrationWhy),
        new(LakeFormation, "UpdateResource", c => Location(c), null, LfRegistrationWhy),
        new(LakeFormation, "PutDataLakeSettings", c => Lf(c, null), null, LfSettingsWhy),
        new(LakeFormation, "AddLFTagsToResource", c => Lf(c, null), null, LfTagWhy),
        new(LakeFormation, "RemoveLFTagsFromResource", c => Lf(c, null), null, LfTagWhy),
        new(LakeFormation, "UpdateLFTag", c => Lf(c, null), null, LfTagWhy),
        new(LakeFormation, "DeleteLFTag", c => Lf(c, null), null, LfTagWhy),
        new(LakeFormation, "CreateLakeFormationOptIn", c => Lf(c, Parameter(c, "principal")), null, LfOptInWhy),
        new(LakeFormation, "DeleteLakeFormationOptIn", c => Lf(c, Parameter(c, "principal")), null, LfOptInWhy),
        new(Ec2, "ModifyVpcEndpoint", c => new PathTouch.VpcEndpoint(Parameter(c, "vpcEndpointId")), RollbackKinds.VpcEndpointPolicy),
        new(Ec2, "DeleteVpcEndpoints", c => new PathTouch.VpcEndpoint(Parameter(c, "vpcEndpointId")), null, EndpointDeletedWhy),
        new(Serverless, "UpdateWorkgroup", c => Parameter(c, "workgroupName") is { } name ? new PathTouch.Workgroup(name) : null, null, WorkgroupWhy),
        new(S3, "PutAccessPointPolicy", c => AccessPoint(c), RollbackKinds.AccessPointPolicy),
        new(S3, "DeleteAccessPointPolicy", c => AccessPoint(c), RollbackKinds.AccessPointPolicy),
        new(S3, "DeleteAccessPoint", c => AccessPoint(c), null, AccessPointDeletedWhy),

        // Runtime evidence (opt-in): read calls that failed, by a role of a path. Judged although the call failed.
        new(LakeFormation, "GetDataAccess", c => Lf(c, c.Actor.IssuerArn), null, EvidenceWhy) { FailureEvidence = "Lake Formation refused to vend credentials for the path's role (GetDataAccess failed): Spectrum is failing now" },
        new(Kms, "Decrypt", c => IssuerRole(c), null, EvidenceWhy) { FailureEvidence = "KMS refused to decrypt for S3 on behalf of the path's role (Decrypt failed): Spectrum is failing now" },
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

    // Lake Formation records a call in the catalog's account (catalogId, when given, names it).
    private static PathTouch.LakeFormation Lf(PolicyChangeEvent change, string? principal) =>
        new(Parameter(change, "catalogId") is { Length: 12 } catalog && catalog.All(char.IsAsciiDigit) ? catalog : change.Account, principal);

    // A registered location is arn:PARTITION:s3:::BUCKET[/PREFIX].
    private static PathTouch.LakeFormation Location(PolicyChangeEvent change) =>
        Lf(change, null) with { LocationBucket = Parameter(change, "resourceArn") is { } arn && AwsArn.Parse(arn) is { Service: "s3", Account: "" } location ? location.Resource.Split('/')[0] : null };

    // S3 Control names the access point in the URI and its owner in the x-amz-account-id header.
    private static PathTouch.AccessPoint AccessPoint(PolicyChangeEvent change) =>
        new(Parameter(change, "accessPointAccount") is { Length: 12 } account && account.All(char.IsAsciiDigit) ? account : change.Account, Parameter(change, "accessPointName"));

    // A read made by (or for) a role session names the role as the session's issuer.
    private static PathTouch.Role? IssuerRole(PolicyChangeEvent change) =>
        change.Actor.IssuerArn is { } issuer && AwsArn.Parse(issuer) is { Service: "iam" } arn && arn.Resource.StartsWith("role/", StringComparison.Ordinal)
            ? new PathTouch.Role(arn.Resource[(arn.Resource.LastIndexOf('/') + 1)..], arn.Account)
            : null;
}

/// <summary>One call the access-path function reacts to.</summary>
/// <param name="EventSource">CloudTrail's <c>eventSource</c>.</param>
/// <param name="EventName">CloudTrail's <c>eventName</c>.</param>
/// <param name="Touched">What it touched, from the event; null when the event does not say (its parameters were omitted).</param>
/// <param name="RestoreKind">The <c>GUARDRAIL_ROLLBACK</c> kind that undoes it; null when it is never restored.</param>
/// <param name="NoRestoreReason">Why it is never restored.</param>
public sealed record AccessEvent(string EventSource, string EventName, Func<PolicyChangeEvent, PathTouch?> Touched, string? RestoreKind, string? NoRestoreReason = null)
{
    /// <summary>
    /// For a read that failed (runtime evidence), what its failure shows; null for a change. Such an event is judged
    /// only when the call failed (a successful read changed nothing and shows nothing), always alerted, never restored.
    /// </summary>
    public string? FailureEvidence { get; init; }
}
