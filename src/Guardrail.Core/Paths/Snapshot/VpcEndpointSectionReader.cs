using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>
/// Reads the <c>vpcEndpoints</c> section: per endpoint id, its service, type and policy (EC2
/// <c>DescribeVpcEndpoints</c>). A <c>null</c> policy is AWS's default, full access; an absent one is an error, since
/// every endpoint has a policy (its default when none was set).
/// </summary>
internal static class VpcEndpointSectionReader
{
    private static readonly KnownNames EndpointNames = new("serviceName", "type", "policy");

    private static readonly (string, VpcEndpointType)[] Types = [("Gateway", VpcEndpointType.Gateway), ("Interface", VpcEndpointType.Interface)];

    public static Dictionary<string, VpcEndpointFacts> Read(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, AwsIdentifiers.VpceIdProblem, static (endpoint, endpointPath, _) => Endpoint(endpoint, endpointPath));

    private static VpcEndpointFacts Endpoint(JsonElement element, JsonLocation path)
    {
        var endpoint = SnapshotObject.Read(element, path, EndpointNames);
        var service = SnapshotJson.NonEmpty(endpoint.Required(0, out var servicePath), servicePath);
        var type = SnapshotJson.Choice(endpoint.Required(1, out var typePath), typePath, Types);

        // Endpoint policies are resource-style policies (gateway endpoints' statements name Principal "*").
        var policy = SnapshotPolicies.ReadGiven(endpoint.Required(2, out var policyPath), policyPath, PolicyKind.Bucket);
        return new VpcEndpointFacts(service, type, policy);
    }
}
