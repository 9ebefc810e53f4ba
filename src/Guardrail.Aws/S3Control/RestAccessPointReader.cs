using System.Xml.Linq;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Query;
using Guardrail.Aws.Rest;

namespace Guardrail.Aws.S3Control;

/// <summary>
/// <see cref="IAccessPointReader"/> over S3 Control's REST-XML API (<c>/v20180820/accesspoint/NAME</c>, the account
/// in <c>x-amz-account-id</c>).
/// </summary>
public sealed class RestAccessPointReader(AwsRestXmlClient client, AwsCallCounter counter) : IAccessPointReader
{
    public async Task<AccessPointDescription> GetAccessPointAsync(string name, CancellationToken cancellationToken)
    {
        var response = await AwsCall.RunAsync(counter, "s3:GetAccessPoint", () =>
            client.SendAsync(HttpMethod.Get, $"/v20180820/accesspoint/{Uri.EscapeDataString(name)}", "GetAccessPoint", null, cancellationToken)).ConfigureAwait(false);
        return Read(response?.Root, "GetAccessPoint");
    }

    public Task<string?> GetAccessPointPolicyAsync(string name, CancellationToken cancellationToken) =>
        AwsCall.RunAsync(counter, "s3:GetAccessPointPolicy", async () =>
        {
            try
            {
                var response = await client.SendAsync(HttpMethod.Get, $"/v20180820/accesspoint/{Uri.EscapeDataString(name)}/policy", "GetAccessPointPolicy", null, cancellationToken).ConfigureAwait(false);
                return Text(response?.Root, "Policy") is { Length: > 0 } policy ? policy : null;
            }
            catch (AwsServiceException e) when (e.Code == "NoSuchAccessPointPolicy")
            {
                // S3 Control's answer for an access point without a policy.
                return null;
            }
        });

    public async Task<IReadOnlyList<AccessPointDescription>> ListAccessPointsAsync(string? bucket, CancellationToken cancellationToken)
    {
        var points = new List<AccessPointDescription>();
        string? next = null;
        var pages = 0;
        do
        {
            ReadLimits.CheckPage("s3:ListAccessPoints", pages++);
            var query = new List<string>();
            if (bucket is not null)
            {
                query.Add($"bucket={Uri.EscapeDataString(bucket)}");
            }

            if (next is not null)
            {
                query.Add($"nextToken={Uri.EscapeDataString(next)}");
            }

            var path = "/v20180820/accesspoint" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
            var response = await AwsCall.RunAsync(counter, "s3:ListAccessPoints", () =>
                client.SendAsync(HttpMethod.Get, path, "ListAccessPoints", null, cancellationToken)).ConfigureAwait(false);
            var list = response?.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "AccessPointList");
            points.AddRange((list?.Elements() ?? []).Where(e => e.Name.LocalName == "AccessPoint").Select(e => Read(e, "ListAccessPoints")));
            next = Text(response?.Root, "NextToken") is { Length: > 0 } token ? token : null;
        }
        while (next is not null);

        return points;
    }

    /// <summary>Reads a <c>GetAccessPointResult</c> or one <c>AccessPoint</c> of a listing.</summary>
    public static AccessPointDescription Read(XElement? element, string operation)
    {
        string Required(string name) => Text(element, name) ?? throw new AwsCallException($"s3:{operation}", "InvalidResponse", $"the answer has no {name}");

        var vpc = Text(element?.Elements().FirstOrDefault(e => e.Name.LocalName == "VpcConfiguration"), "VpcId");
        return new AccessPointDescription(
            Required("Name"),
            Required("Bucket"),
            Optional(element, "BucketAccountId"),
            Required("NetworkOrigin"),
            string.IsNullOrEmpty(vpc) ? null : vpc,
            Optional(element, "Alias"),
            Optional(element, "AccessPointArn"));
    }

    private static string? Optional(XElement? parent, string name) => Text(parent, name) is { Length: > 0 } text ? text : null;

    private static string? Text(XElement? parent, string localName) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
