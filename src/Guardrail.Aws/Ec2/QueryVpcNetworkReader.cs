using System.Xml.Linq;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;

namespace Guardrail.Aws.Ec2;

/// <summary>
/// <see cref="IVpcNetworkReader"/> over EC2's Query protocol (API version 2016-11-15): lists are sent as
/// <c>Name.N</c> and answered as <c>&lt;xxxSet&gt;&lt;item&gt;</c>; pages follow <c>nextToken</c>.
/// </summary>
public sealed class QueryVpcNetworkReader(AwsQueryClient client, AwsCallCounter counter) : IVpcNetworkReader
{
    /// <summary>The Query API version of EC2.</summary>
    public const string ApiVersion = "2016-11-15";

    public async Task<IReadOnlyList<VpcEndpointDescription>> DescribeVpcEndpointsAsync(IReadOnlyList<string> endpointIds, string? vpcId, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        parameters.AddRange(endpointIds.Select((id, i) => KeyValuePair.Create($"VpcEndpointId.{i + 1}", id)));
        if (vpcId is not null)
        {
            parameters.AddRange(Filter(1, "vpc-id", [vpcId]));
        }

        var items = await ListAsync("DescribeVpcEndpoints", parameters, "vpcEndpointSet", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(Endpoint)];
    }

    public async Task<IReadOnlyList<RouteTableDescription>> DescribeRouteTablesForSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken cancellationToken)
    {
        if (subnetIds.Count == 0)
        {
            return [];
        }

        var items = await ListAsync("DescribeRouteTables", [.. Filter(1, "association.subnet-id", subnetIds)], "routeTableSet", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(RouteTable)];
    }

    public async Task<RouteTableDescription?> DescribeMainRouteTableAsync(string vpcId, CancellationToken cancellationToken)
    {
        var items = await ListAsync("DescribeRouteTables", [.. Filter(1, "vpc-id", [vpcId]), .. Filter(2, "association.main", ["true"])], "routeTableSet", cancellationToken).ConfigureAwait(false);
        return items.Select(RouteTable).FirstOrDefault(table => table.IsMain);
    }

    public async Task<IReadOnlyList<SubnetDescription>> DescribeSubnetsAsync(IReadOnlyList<string> subnetIds, CancellationToken cancellationToken)
    {
        if (subnetIds.Count == 0)
        {
            return [];
        }

        var items = await ListAsync("DescribeSubnets", [.. subnetIds.Select((id, i) => KeyValuePair.Create($"SubnetId.{i + 1}", id))], "subnetSet", cancellationToken).ConfigureAwait(false);
        return [.. items.Select(item => new SubnetDescription(Required(item, "subnetId", "DescribeSubnets"), Required(item, "vpcId", "DescribeSubnets")))];
    }

    /// <summary>Reads one <c>item</c> of <c>vpcEndpointSet</c>.</summary>
    public static VpcEndpointDescription Endpoint(XElement item)
    {
        var policy = Text(item, "policyDocument");
        return new VpcEndpointDescription(
            Required(item, "vpcEndpointId", "DescribeVpcEndpoints"),
            Text(item, "vpcId") ?? string.Empty,
            Required(item, "serviceName", "DescribeVpcEndpoints"),
            Text(item, "vpcEndpointType") ?? string.Empty,
            Text(item, "state") ?? string.Empty,
            string.IsNullOrEmpty(policy) ? null : policy,
            Items(item, "routeTableIdSet").Select(e => e.Value).ToList(),
            Items(item, "subnetIdSet").Select(e => e.Value).ToList());
    }

    /// <summary>Reads one <c>item</c> of <c>routeTableSet</c>.</summary>
    public static RouteTableDescription RouteTable(XElement item)
    {
        var associations = Items(item, "associationSet").ToList();
        return new RouteTableDescription(
            Required(item, "routeTableId", "DescribeRouteTables"),
            Text(item, "vpcId") ?? string.Empty,
            associations.Any(a => Text(a, "main") == "true"),
            associations.Select(a => Text(a, "subnetId")).OfType<string>().Where(id => id.Length > 0).ToList(),
            Items(item, "routeSet").Select(r => Text(r, "gatewayId")).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList());
    }

    private async Task<List<XElement>> ListAsync(string action, List<KeyValuePair<string, string>> parameters, string setName, CancellationToken cancellationToken)
    {
        var call = $"ec2:{action}";
        var items = new List<XElement>();
        string? next = null;
        var pages = 0;
        do
        {
            ReadLimits.CheckPage(call, pages++);
            var page = next is null ? parameters : [.. parameters, new("NextToken", next)];
            var response = await AwsCall.RunAsync(counter, call, () => client.CallAsync(action, page, cancellationToken)).ConfigureAwait(false);
            items.AddRange(Items(response.Root, setName));
            next = response.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "nextToken")?.Value is { Length: > 0 } token ? token : null;
        }
        while (next is not null);

        return items;
    }

    private static IEnumerable<KeyValuePair<string, string>> Filter(int index, string name, IReadOnlyList<string> values) =>
        values.Select((value, i) => KeyValuePair.Create($"Filter.{index}.Value.{i + 1}", value)).Prepend(KeyValuePair.Create($"Filter.{index}.Name", name));

    // EC2 lists are <xxxSet><item>...</item></xxxSet>, directly under the element that owns them.
    private static IEnumerable<XElement> Items(XElement? parent, string setName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == setName)?.Elements().Where(e => e.Name.LocalName == "item") ?? [];

    private static string? Text(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static string Required(XElement parent, string localName, string action) =>
        Text(parent, localName) ?? throw new AwsCallException($"ec2:{action}", "InvalidResponse", $"the answer has an item without {localName}");
}
