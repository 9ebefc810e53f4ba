using System.Xml.Linq;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Redshift;

/// <summary><see cref="IClusterReader"/> over the Query protocol (Redshift API version 2012-12-01).</summary>
public sealed class QueryClusterReader : IClusterReader
{
    /// <summary>The Query API version of Redshift.</summary>
    public const string ApiVersion = "2012-12-01";

    private readonly AwsQueryClient client;
    private readonly AwsCallCounter counter;

    public QueryClusterReader(AwsQueryClient client, AwsCallCounter counter)
    {
        this.client = client;
        this.counter = counter;
    }

    public async Task<ClusterDescription> DescribeClusterAsync(string clusterIdentifier, CancellationToken cancellationToken)
    {
        var response = await AwsCall.RunAsync(counter, "redshift:DescribeClusters", () =>
            client.CallAsync("DescribeClusters", [new("ClusterIdentifier", clusterIdentifier)], cancellationToken)).ConfigureAwait(false);
        return Read(response);
    }

    /// <summary>Reads the one cluster of a <c>DescribeClusters</c> answer.</summary>
    public static ClusterDescription Read(XDocument response)
    {
        var cluster = Element(response, "Cluster") ?? throw new AwsCallException("redshift:DescribeClusters", "InvalidResponse", "the answer has no Cluster");
        var roles = (Element(cluster, "IamRoles")?.Elements() ?? [])
            .Where(role => AwsQueryClient.Child(role, "ApplyStatus") != "removing")
            .Select(role => AwsQueryClient.Child(role, "IamRoleArn"))
            .OfType<string>()
            .ToList();
        var vpc = Element(cluster, "VpcId")?.Value;
        return new ClusterDescription(roles, Element(cluster, "EnhancedVpcRouting")?.Value == "true", string.IsNullOrEmpty(vpc) ? null : vpc);
    }

    private static XElement? Element(XContainer? parent, string localName) =>
        parent?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);
}
