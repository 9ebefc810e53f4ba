namespace Guardrail.Aws.Redshift;

/// <summary>Redshift Serverless's workgroups: where a workgroup's traffic goes. Failures throw <see cref="Calls.AwsCallException"/>.</summary>
public interface IWorkgroupReader
{
    /// <summary><c>redshift-serverless:GetWorkgroup</c> by workgroup name.</summary>
    Task<WorkgroupDescription> GetWorkgroupAsync(string workgroupName, CancellationToken cancellationToken);
}

/// <summary>What Redshift Serverless says about a workgroup.</summary>
/// <param name="Name">The workgroup's name.</param>
/// <param name="NamespaceName">The namespace it serves (the one whose roles Spectrum uses).</param>
/// <param name="EnhancedVpcRouting">Whether enhanced VPC routing is on.</param>
/// <param name="SubnetIds">The subnets the workgroup runs in.</param>
public sealed record WorkgroupDescription(string Name, string NamespaceName, bool EnhancedVpcRouting, IReadOnlyList<string> SubnetIds);
