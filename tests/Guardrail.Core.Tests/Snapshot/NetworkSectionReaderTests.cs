using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Snapshot;

/// <summary>The network sections (issue 15): the cluster's routing and endpoints, a table's access point, and the <c>vpcEndpoints</c> and <c>accessPoints</c> sections.</summary>
public sealed class NetworkSectionReaderTests
{
    private const string Role = "arn:aws:iam::111122223333:role/spectrum";
    private const string AccessPoint = "arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader";

    private const string Network = """
        {
          "spectrum": {
            "roleChain": ["arn:aws:iam::111122223333:role/spectrum"],
            "cluster": {"kind": "serverless", "enhancedVpcRouting": true, "s3Endpoints": ["vpce-0a1b2c3d4e5f60718", "vpce-0f1e2d3c"]},
            "tables": [{"bucket": "lake", "prefix": "sales/", "accessPoint": "arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader"}, {"bucket": "lake", "prefix": "raw/"}]
          },
          "vpcEndpoints": {
            "vpce-0a1b2c3d4e5f60718": {"serviceName": "com.amazonaws.us-east-1.s3", "type": "Gateway", "policy": null},
            "vpce-0f1e2d3c": {"serviceName": "com.amazonaws.us-east-1.s3", "type": "Interface", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}}
          },
          "accessPoints": {
            "arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader": {"bucket": "lake", "account": "111122223333", "networkOrigin": "VPC", "policy": null}
          }
        }
        """;

    [Fact]
    public void Network_fields_land_in_the_model()
    {
        var snapshot = SnapshotReader.Read(Network);

        var cluster = snapshot.Spectrum.Cluster!;
        Assert.True(cluster.EnhancedVpcRouting);
        Assert.True(cluster.S3EndpointsGiven);
        Assert.Equal(["vpce-0a1b2c3d4e5f60718", "vpce-0f1e2d3c"], cluster.VpcEndpoints);
        Assert.Equal(AccessPoint, snapshot.Spectrum.Tables[0].AccessPoint);
        Assert.Null(snapshot.Spectrum.Tables[1].AccessPoint);

        var gateway = snapshot.VpcEndpoints["vpce-0a1b2c3d4e5f60718"];
        Assert.Equal(("com.amazonaws.us-east-1.s3", VpcEndpointType.Gateway), (gateway.ServiceName, gateway.Type));
        Assert.Null(gateway.Policy.Value);
        var endpoint = snapshot.VpcEndpoints["vpce-0f1e2d3c"];
        Assert.Equal(VpcEndpointType.Interface, endpoint.Type);
        Assert.Single(endpoint.Policy.Value!.Statements);

        var accessPoint = snapshot.AccessPoints[AccessPoint];
        Assert.Equal(new AccessPointFacts("lake", "111122223333", AccessPointNetworkOrigin.Vpc, new Given<Policies.PolicyDocument>(null)), accessPoint);
    }

    [Fact]
    public void Absent_routing_and_endpoints_are_unknown_not_none()
    {
        var snapshot = SnapshotReader.Read("""{"spectrum": {"roleChain": ["ROLE"], "cluster": {"kind": "serverless"}}}""".Replace("ROLE", Role, StringComparison.Ordinal));

        Assert.Null(snapshot.Spectrum.Cluster!.EnhancedVpcRouting);
        Assert.False(snapshot.Spectrum.Cluster.S3EndpointsGiven);
        Assert.Empty(snapshot.Spectrum.Cluster.VpcEndpoints);
        Assert.Empty(snapshot.VpcEndpoints);
        Assert.Empty(snapshot.AccessPoints);
    }

    [Theory]
    [InlineData("vpcEndpoints")]
    [InlineData("s3Endpoints")]
    public void Both_spellings_of_the_endpoint_list_are_read(string name)
    {
        var snapshot = SnapshotReader.Read("""{"spectrum": {"roleChain": ["ROLE"], "cluster": {"kind": "serverless", "enhancedVpcRouting": false, "NAME": []}}}""".Replace("ROLE", Role, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal));

        Assert.True(snapshot.Spectrum.Cluster!.S3EndpointsGiven);
        Assert.False(snapshot.Spectrum.Cluster.EnhancedVpcRouting);
        Assert.Empty(snapshot.Spectrum.Cluster.VpcEndpoints);
    }

    [Theory]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/lake-reader", true)]
    [InlineData("arn:aws-cn:s3:cn-north-1:111122223333:accesspoint/abc", true)]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/ab", false)]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/-lake", false)]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/Lake", false)]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/lake/object/x", false)]
    [InlineData("arn:aws:s3::111122223333:accesspoint/lake", false)]
    [InlineData("arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/lake", false)]
    [InlineData("arn:nope:s3:us-east-1:111122223333:accesspoint/lake", false)]
    public void Access_point_arns_are_validated(string arn, bool valid)
    {
        Assert.Equal(valid, AccessPointArn.Problem(arn) is null);
    }
}
