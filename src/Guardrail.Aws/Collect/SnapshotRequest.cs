using Guardrail.Core.Evaluation;
using Guardrail.Core.Spectrum;

namespace Guardrail.Aws.Collect;

/// <summary>What to collect: one Spectrum setup, as a user or the functions' configuration names it.</summary>
/// <param name="RoleChain">The roles Redshift assumes in turn; the last one reads the data.</param>
/// <param name="Tables">The table locations (bucket + prefix, and the Glue entry when given).</param>
/// <param name="Cluster">The provisioned cluster or Serverless namespace whose attached roles to read; null to leave the association out.</param>
/// <param name="Region">The Region of the cluster, the buckets, the catalogs and the keys named without a Region.</param>
/// <param name="BucketAccounts">Owner accounts of buckets that are not in the caller's own account, by bucket name.</param>
public sealed record SnapshotRequest(
    IReadOnlyList<RoleArn> RoleChain,
    IReadOnlyList<TableTarget> Tables,
    ClusterTarget? Cluster,
    string Region,
    IReadOnlyDictionary<string, string>? BucketAccounts = null);

/// <summary>A table Spectrum reads.</summary>
/// <param name="Bucket">The bucket name, or an access point's alias (<c>NAME-xxxx-s3alias</c>) or ARN.</param>
/// <param name="Prefix">The key prefix of the table location; empty for the whole bucket.</param>
/// <param name="CatalogAccount">The account of its Glue Data Catalog, when given.</param>
/// <param name="Database">The Glue database, when given.</param>
/// <param name="Table">The Glue table, when given.</param>
public sealed record TableTarget(string Bucket, string Prefix, string? CatalogAccount = null, string? Database = null, string? Table = null)
{
    /// <summary>The access point ARN the location goes through, once the collector has resolved an alias or ARN in <see cref="Bucket"/>.</summary>
    public string? AccessPoint { get; init; }
}

/// <summary>The Redshift side: a provisioned cluster identifier or a Serverless namespace name.</summary>
/// <param name="Kind">Which of the two.</param>
/// <param name="Name">The cluster identifier or the namespace name.</param>
/// <param name="Workgroup">For Serverless, the workgroup whose network (enhanced VPC routing, subnets, S3 endpoints) to read; null to leave it out.</param>
public sealed record ClusterTarget(ClusterKind Kind, string Name, string? Workgroup = null);
