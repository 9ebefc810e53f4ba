namespace Guardrail.Aws.Redshift;

/// <summary>
/// Redshift's side of the path: which roles a provisioned cluster (<c>DescribeClusters</c>) or a Serverless
/// namespace (<c>GetNamespace</c>) has attached. Failures throw <see cref="Calls.AwsCallException"/>.
/// </summary>
public interface IClusterReader
{
    /// <summary><c>redshift:DescribeClusters</c> for one cluster identifier.</summary>
    Task<ClusterDescription> DescribeClusterAsync(string clusterIdentifier, CancellationToken cancellationToken);
}

/// <summary>What Redshift says about a provisioned cluster.</summary>
/// <param name="AttachedRoles">The role ARNs attached to it (a role being removed is no longer counted).</param>
/// <param name="EnhancedVpcRouting">Whether enhanced VPC routing is on.</param>
/// <param name="VpcId">The cluster's VPC, when it has one.</param>
public sealed record ClusterDescription(IReadOnlyList<string> AttachedRoles, bool EnhancedVpcRouting, string? VpcId);
