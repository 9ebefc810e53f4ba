namespace Guardrail.Functions.Configuration.Documents;

/// <summary>
/// The configuration document (schema version 1): the organization, the defaults and every protected access path.
/// <c>GUARDRAIL_CONFIG</c> names it (<c>s3://bucket/key</c>, <c>ssm:/parameter/name</c>, or a file for the CLI); without
/// it, the single-account environment variables are turned into the same document. Values are validated when read
/// (<c>ConfigDocumentReader</c>): a document that exists is well-formed.
/// </summary>
/// <param name="Version">The schema version; 1 is the only one.</param>
/// <param name="Organization">The AWS Organization guarded from one deployment; null in single-account mode.</param>
/// <param name="Defaults">What a path that says nothing of its own gets.</param>
/// <param name="Paths">The protected access paths, each with a unique name.</param>
public sealed record ConfigDocument(int Version, OrganizationSettings? Organization, PathDefaults Defaults, IReadOnlyList<PathEntry> Paths)
{
    /// <summary>The only schema version this build reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// Accepted findings (the same list as CI's <c>--exceptions</c>): alerts mark the findings they accept as excepted.
    /// They never stop a rollback.
    /// </summary>
    public IReadOnlyList<Core.Findings.Exceptions.FindingException> Exceptions { get; init; } = [];
}

/// <summary>The organization a central deployment guards.</summary>
/// <param name="Id">The AWS Organizations id (<c>o-…</c>).</param>
/// <param name="ManagementAccount">The management account (the Organizations events and SCP/RCP reads are there).</param>
/// <param name="MemberRoleName">The role (name, or path/name) the functions assume in every member account.</param>
public sealed record OrganizationSettings(string Id, string ManagementAccount, string MemberRoleName);

/// <summary>The settings a path inherits unless it names its own.</summary>
/// <param name="Rollback">Which kinds of change are rolled back.</param>
/// <param name="BreakGlassRoles">The roles allowed to turn rollbacks off for a while (the break-glass parameter).</param>
/// <param name="MaxRollbacks">Rollbacks of one resource per hour before the circuit breaker opens.</param>
public sealed record PathDefaults(RollbackSetting Rollback, IReadOnlyList<string> BreakGlassRoles, int MaxRollbacks)
{
    /// <summary>Rollback off, no break-glass roles, three rollbacks an hour.</summary>
    public static PathDefaults None { get; } = new(RollbackSetting.Off, [], 3);
}

/// <summary>
/// <c>rollback</c>: <c>true</c> (every kind), <c>false</c>, or a list of kinds (<see cref="RollbackKinds"/>).
/// </summary>
/// <param name="Kinds">The kinds rolled back; empty when off.</param>
public sealed record RollbackSetting(IReadOnlySet<string> Kinds)
{
    public static RollbackSetting Off { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    public static RollbackSetting All { get; } = new(new HashSet<string>(RollbackKinds.All, StringComparer.Ordinal));

    public bool IsOn => Kinds.Count > 0;

    public bool Equals(RollbackSetting? other) => other is not null && Kinds.SetEquals(other.Kinds);

    public override int GetHashCode() => Kinds.Count;
}

/// <summary>One protected access path.</summary>
/// <param name="Name">Unique in the document: 1-64 letters, digits and <c>._-</c>; it names the path in alerts and state keys.</param>
/// <param name="RoleChain">The roles Redshift assumes in turn (1-10 ARNs); the first is attached to the cluster, the last reads the data.</param>
/// <param name="Cluster">The cluster or Serverless namespace; null when none is read (the association is then unchecked).</param>
/// <param name="Tables">The tables the path reads (at least one).</param>
/// <param name="Rollback">The path's own rollback setting; null: the defaults'.</param>
/// <param name="BreakGlassRoles">The path's own break-glass roles; null: the defaults'.</param>
public sealed record PathEntry(string Name, IReadOnlyList<string> RoleChain, ClusterEntry? Cluster, IReadOnlyList<TableEntry> Tables, RollbackSetting? Rollback = null, IReadOnlyList<string>? BreakGlassRoles = null);

/// <summary>Where Spectrum runs.</summary>
/// <param name="Account">The cluster's account (the first role of the chain is in it).</param>
/// <param name="Region">The cluster's Region; every table of the path is in it (Spectrum reads buckets of its own Region).</param>
/// <param name="Kind"><c>provisioned</c> or <c>serverless</c>.</param>
/// <param name="Id">The provisioned cluster identifier (provisioned only).</param>
/// <param name="Namespace">The Serverless namespace (serverless only).</param>
/// <param name="Workgroup">The Serverless workgroup whose network to read (serverless only; optional).</param>
/// <param name="VpcEndpoints">S3 VPC endpoints a Serverless workgroup uses, when they are not read.</param>
public sealed record ClusterEntry(string Account, string Region, string Kind, string? Id, string? Namespace, string? Workgroup, IReadOnlyList<string> VpcEndpoints);

/// <summary>A table location Spectrum reads, and its Glue entry when given.</summary>
/// <param name="Account">The bucket's owner account (where its policy, encryption and ownership are read and restored).</param>
/// <param name="Region">The bucket's Region.</param>
/// <param name="Bucket">The bucket name, or an access point alias.</param>
/// <param name="Prefix">The key prefix (empty: the whole bucket).</param>
/// <param name="CatalogAccount">The Glue Data Catalog's account, when the table is named.</param>
/// <param name="Database">The Glue database (with <paramref name="Table"/>).</param>
/// <param name="Table">The Glue table (with <paramref name="Database"/>).</param>
public sealed record TableEntry(string Account, string Region, string Bucket, string Prefix, string? CatalogAccount = null, string? Database = null, string? Table = null);
