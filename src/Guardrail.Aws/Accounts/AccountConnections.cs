using System.Collections.Concurrent;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Guardrail.Aws.Query;
using Guardrail.Aws.Rest;

namespace Guardrail.Aws.Accounts;

/// <summary>
/// One account's clients, signed with that account's credentials, made on first use and owned by the factory:
/// its readers and its writers share them, so restoring after a collection opens no second connection.
/// </summary>
internal sealed class AccountConnections
{
    private readonly AccountClientFactory factory;
    private readonly AWSCredentials credentials;
    private readonly Lazy<AwsQueryClient> iam;
    private readonly Lazy<IAmazonS3> s3;
    private readonly ConcurrentDictionary<string, Lazy<IAmazonKeyManagementService>> kms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<AwsQueryClient>> ec2 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<AwsRestXmlClient>> s3Control = new(StringComparer.Ordinal);
    private readonly Lazy<AwsRestJsonClient> lakeFormation;

    public AccountConnections(AccountClientFactory factory, string account, AWSCredentials credentials)
    {
        this.factory = factory;
        this.credentials = credentials;
        Account = account;
        lakeFormation = new(() => new AwsRestJsonClient(Http("lakeformation", factory.Region), factory.Endpoints.Regional("LAKEFORMATION", "lakeformation", factory.Region), "lakeformation"));

        // IAM is global: reached and signed in us-east-1.
        iam = new(() => new AwsQueryClient(Http("iam", "us-east-1"), factory.Endpoints.Iam, "iam", "2010-05-08"));
        s3 = new(() => factory.Own(new AmazonS3Client(credentials, factory.S3Config())));
    }

    /// <summary>The account the connections are signed for.</summary>
    public string Account { get; }

    public AwsQueryClient Iam => iam.Value;

    /// <summary>Lake Formation, in the path's Region (where its catalog is).</summary>
    public AwsRestJsonClient LakeFormation => lakeFormation.Value;

    /// <summary>EC2 is regional: the client for the VPCs of <paramref name="region"/>.</summary>
    public AwsQueryClient Ec2(string region) =>
        ec2.GetOrAdd(region, r => new Lazy<AwsQueryClient>(() => new AwsQueryClient(Http("ec2", r), factory.Endpoints.Regional("EC2", "ec2", r), "ec2", Guardrail.Aws.Ec2.QueryVpcNetworkReader.ApiVersion))).Value;

    /// <summary>S3 Control is regional and per account: the client for this account's access points in <paramref name="region"/> (signed as <c>s3</c>).</summary>
    public AwsRestXmlClient S3Control(string region) =>
        s3Control.GetOrAdd(region, r => new Lazy<AwsRestXmlClient>(() => new AwsRestXmlClient(Http("s3", r), factory.Endpoints.S3Control(Account, r), "s3control", Account))).Value;

    public IAmazonS3 S3 => s3.Value;

    /// <summary>KMS is regional: the client for the keys of <paramref name="region"/>.</summary>
    public IAmazonKeyManagementService Kms(string region) =>
        kms.GetOrAdd(region, r => new Lazy<IAmazonKeyManagementService>(() => factory.Own(new AmazonKeyManagementServiceClient(credentials, factory.KmsConfig(r))))).Value;

    /// <summary>A signed HTTP pipeline for a Query or JSON client of <paramref name="service"/> in <paramref name="region"/>.</summary>
    public HttpClient Http(string service, string region) =>
        factory.Own(AwsHttp.CreateSignedClient(service, region, credentials, factory.Network));
}
