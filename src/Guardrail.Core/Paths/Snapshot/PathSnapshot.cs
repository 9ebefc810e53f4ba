using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Every document on Spectrum's access path, as one snapshot: the setup (role chain, cluster, tables) and, keyed
/// by their ids, the roles, buckets, KMS keys, Glue catalogs and the organization's policies. Only the chain is
/// required. A section or element that is absent is unknown (its hop is <c>unchecked</c>, never guessed); one
/// given as <c>null</c> is known to be empty ("no bucket policy"), which is why optional documents are
/// <see cref="Given{T}"/>.
/// </summary>
/// <param name="Spectrum">Who reads what.</param>
/// <param name="Roles">By role ARN.</param>
/// <param name="Buckets">By bucket name.</param>
/// <param name="Keys">By the key ARN (or alias ARN) a bucket's encryption names.</param>
/// <param name="Catalogs">By the Glue catalog's account id.</param>
/// <param name="Organization">The organization's SCPs and RCPs; null when not given.</param>
public sealed record PathSnapshot(
    SpectrumSetup Spectrum,
    IReadOnlyDictionary<string, RoleFacts> Roles,
    IReadOnlyDictionary<string, BucketFacts> Buckets,
    IReadOnlyDictionary<string, KeyFacts> Keys,
    IReadOnlyDictionary<string, CatalogFacts> Catalogs,
    OrganizationFacts? Organization)
{
    /// <summary>By VPC endpoint id (<c>vpce-...</c>): the S3 endpoints a cluster's traffic passes.</summary>
    public IReadOnlyDictionary<string, VpcEndpointFacts> VpcEndpoints { get; init; } = new Dictionary<string, VpcEndpointFacts>(StringComparer.Ordinal);

    /// <summary>By access point ARN: the access points table locations name.</summary>
    public IReadOnlyDictionary<string, AccessPointFacts> AccessPoints { get; init; } = new Dictionary<string, AccessPointFacts>(StringComparer.Ordinal);

    /// <summary>By account id: each account's Lake Formation registrations, permissions, LF-tags and opt-ins.</summary>
    public IReadOnlyDictionary<string, LakeFormationFacts> LakeFormation { get; init; } = new Dictionary<string, LakeFormationFacts>(StringComparer.Ordinal);
}

/// <summary>A value the snapshot gave, possibly as <c>null</c> (known to be none), as opposed to one it left out.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value; null means "there is none".</param>
public sealed record Given<T>(T? Value)
    where T : class;

/// <summary>The Spectrum side of the path.</summary>
/// <param name="RoleChain">The roles Redshift assumes in turn (1 to 10); the last one makes the data requests.</param>
/// <param name="Cluster">The cluster or namespace, when given.</param>
/// <param name="Region">The Region of the cluster (and of the Glue catalog), when given.</param>
/// <param name="Tables">The table locations Spectrum reads.</param>
public sealed record SpectrumSetup(IReadOnlyList<RoleArn> RoleChain, ClusterFacts? Cluster, string? Region, IReadOnlyList<TableLocation> Tables)
{
    /// <summary>The role whose sessions read the data.</summary>
    public RoleArn ReadingRole => RoleChain[^1];
}

/// <summary>The Redshift cluster (or Serverless namespace) and the roles attached to it.</summary>
/// <param name="Kind">Provisioned or serverless.</param>
/// <param name="IamRoles">The role ARNs attached to it; null when not given (the kind is known, the association is not).</param>
/// <param name="VpcEndpoints">The S3 VPC endpoints the cluster's (workgroup's) subnets route S3 traffic through (<c>s3Endpoints</c>; empty when not given).</param>
public sealed record ClusterFacts(ClusterKind Kind, IReadOnlyList<string>? IamRoles, IReadOnlyList<string> VpcEndpoints)
{
    /// <summary>Whether enhanced VPC routing is on; null when not given.</summary>
    public bool? EnhancedVpcRouting { get; init; }

    /// <summary>The cluster identifier or Serverless namespace name, when given: how a proposed change (a template's cluster) is matched to it.</summary>
    public string? Identifier { get; init; }

    /// <summary>Whether the snapshot gave the S3 endpoints (<c>s3Endpoints</c>); when false <see cref="VpcEndpoints"/> is unknown, not none.</summary>
    public bool S3EndpointsGiven { get; init; }
}

/// <summary>One external table: where its data is and, when given, its Glue catalog entry.</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Prefix">The key prefix of the table location (may be empty: the whole bucket).</param>
/// <param name="CatalogAccount">The account of the Glue Data Catalog, when given.</param>
/// <param name="Database">The Glue database, when given.</param>
/// <param name="Table">The Glue table, when given.</param>
public sealed record TableLocation(string Bucket, string Prefix, string? CatalogAccount, string? Database, string? Table)
{
    /// <summary>The access point ARN the table's LOCATION uses (its alias resolved), when it uses one.</summary>
    public string? AccessPoint { get; init; }
}

/// <summary>A policy document with the name findings use for it (inline name, managed policy ARN, SCP level...).</summary>
/// <param name="Name">How findings name the document.</param>
/// <param name="Document">The parsed policy.</param>
public sealed record NamedPolicy(string Name, PolicyDocument Document);

/// <summary>What the snapshot says about one role.</summary>
/// <param name="TrustPolicy">The trust policy; null when not given.</param>
/// <param name="InlinePolicies">Inline policies by name (name = the policy name); null when not given.</param>
/// <param name="ManagedPolicies">Attached managed policies (name = the policy ARN); null when not given.</param>
/// <param name="PermissionsBoundary">The boundary's document (null value: no boundary); null when not given.</param>
/// <param name="Tags">The role's tags; null when not given.</param>
public sealed record RoleFacts(
    PolicyDocument? TrustPolicy,
    IReadOnlyList<NamedPolicy>? InlinePolicies,
    IReadOnlyList<NamedPolicy>? ManagedPolicies,
    Given<PolicyDocument>? PermissionsBoundary,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>What the snapshot says about one bucket.</summary>
/// <param name="Account">The owner's account id; null when not given.</param>
/// <param name="Policy">The bucket policy (null value: none); null when not given.</param>
/// <param name="Encryption">Default encryption; null when not given.</param>
/// <param name="Ownership">Object Ownership; null when not given.</param>
public sealed record BucketFacts(string? Account, Given<PolicyDocument>? Policy, BucketEncryption? Encryption, ObjectOwnership? Ownership);

/// <summary>A bucket's default encryption.</summary>
/// <param name="Algorithm">SSE-S3, SSE-KMS or DSSE-KMS.</param>
/// <param name="KmsKeyArn">The key (ARN or alias ARN) for the KMS algorithms; null for SSE-S3.</param>
/// <param name="BucketKeyEnabled">Whether S3 Bucket Keys are on (the encryption context is then the bucket ARN).</param>
public sealed record BucketEncryption(EncryptionAlgorithm Algorithm, string? KmsKeyArn, bool BucketKeyEnabled);

/// <summary>Server-side encryption algorithms of S3 default encryption.</summary>
public enum EncryptionAlgorithm
{
    /// <summary><c>AES256</c>: SSE-S3, no key Spectrum needs access to.</summary>
    Aes256,

    /// <summary><c>aws:kms</c>: SSE-KMS.</summary>
    Kms,

    /// <summary><c>aws:kms:dsse</c>: dual-layer SSE-KMS.</summary>
    KmsDsse,
}

/// <summary>S3 Object Ownership.</summary>
public enum ObjectOwnership
{
    /// <summary>ACLs disabled: the bucket owner owns every object.</summary>
    BucketOwnerEnforced,

    /// <summary>ACLs enabled; objects uploaded with <c>bucket-owner-full-control</c> belong to the bucket owner.</summary>
    BucketOwnerPreferred,

    /// <summary>ACLs enabled; the writer owns its objects.</summary>
    ObjectWriter,
}

/// <summary>What the snapshot says about one KMS key.</summary>
/// <param name="Policy">The key policy; null when not given.</param>
/// <param name="State">The key state as KMS names it (<c>Enabled</c>, <c>Disabled</c>, <c>PendingDeletion</c>...); null when not given.</param>
/// <param name="AwsManaged">Whether it is an AWS managed key such as <c>aws/s3</c>.</param>
/// <param name="Grants">The key's grants; null when not given.</param>
public sealed record KeyFacts(PolicyDocument? Policy, string? State, bool AwsManaged, IReadOnlyList<KeyGrant>? Grants);

/// <summary>A KMS grant.</summary>
/// <param name="GranteePrincipal">Who the grant is for.</param>
/// <param name="Operations">The operations it allows (<c>Decrypt</c>...).</param>
/// <param name="Constraints">Its encryption-context constraints; null for none.</param>
public sealed record KeyGrant(string GranteePrincipal, IReadOnlyList<string> Operations, GrantConstraints? Constraints);

/// <summary>A grant's encryption-context constraints, as in KMS's API.</summary>
/// <param name="EncryptionContextEquals">The request's context must be exactly this; null when not set.</param>
/// <param name="EncryptionContextSubset">The request's context must include these pairs; null when not set.</param>
public sealed record GrantConstraints(IReadOnlyDictionary<string, string>? EncryptionContextEquals, IReadOnlyDictionary<string, string>? EncryptionContextSubset);

/// <summary>What the snapshot says about one account's Glue Data Catalog.</summary>
/// <param name="ResourcePolicy">The catalog's resource policy (null value: none); null when not given.</param>
public sealed record CatalogFacts(Given<PolicyDocument>? ResourcePolicy);

/// <summary>The organization's policies that cap the path.</summary>
/// <param name="Id">The organization id (<c>o-...</c>), when given.</param>
/// <param name="ManagementAccount">The management account (SCPs and RCPs do not apply to it), when given.</param>
/// <param name="ServiceControlPolicies">Per account, the levels from the root down to the account, each a list of SCPs; null when not given.</param>
/// <param name="ResourceControlPolicies">Per account, the levels of RCPs likewise; null when not given.</param>
public sealed record OrganizationFacts(
    string? Id,
    string? ManagementAccount,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<PolicyDocument>>>? ServiceControlPolicies,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<PolicyDocument>>>? ResourceControlPolicies);
