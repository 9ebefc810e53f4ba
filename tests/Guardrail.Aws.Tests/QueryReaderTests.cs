using System.Net;
using Amazon.Runtime;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Query;
using Guardrail.Aws.Redshift;

namespace Guardrail.Aws.Tests;

/// <summary>The Query-protocol readers on AWS answers recorded from the API reference (moto answers every role as in-sync and never pages).</summary>
public sealed class QueryReaderTests
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static AwsQueryClient Client(RecordedAws network, string service, string version) =>
        new(AwsHttp.CreateSignedClient(service, "us-east-1", Credentials, network, maxRetries: 2), new Uri($"https://{service}.us-east-1.amazonaws.com/"), service, version);

    private const string Clusters = """
        <DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/"><DescribeClustersResult><Clusters><Cluster>
          <ClusterIdentifier>analytics</ClusterIdentifier><NodeType>ra3.xlplus</NodeType><VpcId>vpc-0abc1234</VpcId>
          <EnhancedVpcRouting>true</EnhancedVpcRouting>
          <IamRoles>
            <ClusterIamRole><IamRoleArn>arn:aws:iam::123456789012:role/spectrum</IamRoleArn><ApplyStatus>in-sync</ApplyStatus></ClusterIamRole>
            <ClusterIamRole><IamRoleArn>arn:aws:iam::123456789012:role/new</IamRoleArn><ApplyStatus>adding</ApplyStatus></ClusterIamRole>
            <ClusterIamRole><IamRoleArn>arn:aws:iam::123456789012:role/old</IamRoleArn><ApplyStatus>removing</ApplyStatus></ClusterIamRole>
          </IamRoles>
        </Cluster></Clusters></DescribeClustersResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeClustersResponse>
        """;

    [Fact]
    public async Task DescribeClusters_counts_a_role_being_removed_as_no_longer_attached()
    {
        var network = new RecordedAws().Answer("DescribeClusters", () => RecordedAws.Xml(Clusters));
        var reader = new QueryClusterReader(Client(network, "redshift", QueryClusterReader.ApiVersion), new AwsCallCounter());

        var cluster = await reader.DescribeClusterAsync("analytics", CancellationToken.None);

        Assert.Equal(["arn:aws:iam::123456789012:role/spectrum", "arn:aws:iam::123456789012:role/new"], cluster.AttachedRoles);
        Assert.True(cluster.EnhancedVpcRouting);
        Assert.Equal("vpc-0abc1234", cluster.VpcId);
        Assert.Equal("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=analytics", Assert.Single(network.Sent).Body);
    }

    [Fact]
    public async Task A_missing_cluster_names_the_call()
    {
        var network = new RecordedAws().Answer("DescribeClusters", () => RecordedAws.XmlError("ClusterNotFound", HttpStatusCode.NotFound));

        var e = await Assert.ThrowsAsync<AwsCallException>(() => new QueryClusterReader(Client(network, "redshift", QueryClusterReader.ApiVersion), new AwsCallCounter()).DescribeClusterAsync("gone", CancellationToken.None));

        Assert.Equal("redshift:DescribeClusters", e.Call);
        Assert.Equal("ClusterNotFound", e.Code);
    }

    [Fact]
    public async Task ListRolePolicies_follows_the_marker_and_each_page_is_a_call()
    {
        var network = new RecordedAws().Answer(
            "ListRolePolicies",
            () => RecordedAws.Xml("<ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames><member>a</member><member>b</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>m-2</Marker></ListRolePoliciesResult></ListRolePoliciesResponse>"),
            () => RecordedAws.Xml("<ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames><member>c</member></PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult></ListRolePoliciesResponse>"));
        var counter = new AwsCallCounter();
        var reader = new QueryIamPathReader(Client(network, "iam", "2010-05-08"), counter);

        var names = await reader.ListInlinePolicyNamesAsync("spectrum", CancellationToken.None);

        Assert.Equal(["a", "b", "c"], names);
        Assert.Equal("Action=ListRolePolicies&Version=2010-05-08&RoleName=spectrum&Marker=m-2", network.Sent[1].Body);
        Assert.Equal(2, counter.Counts["iam:ListRolePolicies"]);
    }

    [Fact]
    public async Task GetRole_reads_the_boundary_and_tags_and_url_decodes_the_trust_policy()
    {
        const string role = """
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/data/</Path><RoleName>spectrum</RoleName>
            <Arn>arn:aws:iam::123456789012:role/data/spectrum</Arn>
            <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D</AssumeRolePolicyDocument>
            <PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/cap</PermissionsBoundaryArn></PermissionsBoundary>
            <Tags><member><Key>team</Key><Value>data</Value></member></Tags>
            <RoleLastUsed><Region>us-east-1</Region></RoleLastUsed></Role></GetRoleResult></GetRoleResponse>
            """;
        var network = new RecordedAws().Answer("GetRole", () => RecordedAws.Xml(role));

        var details = await new QueryIamPathReader(Client(network, "iam", "2010-05-08"), new AwsCallCounter()).GetRoleAsync("spectrum", CancellationToken.None);

        Assert.Equal("arn:aws:iam::123456789012:role/data/spectrum", details.Arn);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", details.TrustPolicy);
        Assert.Equal("arn:aws:iam::123456789012:policy/cap", details.PermissionsBoundaryArn);
        Assert.Equal("data", details.Tags["team"]);
    }

    [Fact]
    public async Task GetPolicy_then_GetPolicyVersion_of_the_default_version()
    {
        var network = new RecordedAws()
            .Answer("GetPolicy", () => RecordedAws.Xml("<GetPolicyResponse><GetPolicyResult><Policy><Arn>arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess</Arn><DefaultVersionId>v3</DefaultVersionId></Policy></GetPolicyResult></GetPolicyResponse>"))
            .Answer("GetPolicyVersion", () => RecordedAws.Xml("<GetPolicyVersionResponse><GetPolicyVersionResult><PolicyVersion><Document>%7B%22Statement%22%3A%5B%5D%7D</Document><VersionId>v3</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion></GetPolicyVersionResult></GetPolicyVersionResponse>"));

        var document = await new QueryIamPathReader(Client(network, "iam", "2010-05-08"), new AwsCallCounter()).GetManagedPolicyDocumentAsync("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", CancellationToken.None);

        Assert.Equal("""{"Statement":[]}""", document);
        Assert.EndsWith("&VersionId=v3", network.Sent[1].Body, StringComparison.Ordinal);
    }
}
