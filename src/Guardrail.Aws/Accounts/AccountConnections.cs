using System.Collections.Concurrent;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Guardrail.Aws.Query;

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

    public AccountConnections(AccountClientFactory factory, AWSCredentials credentials)
    {
        this.factory = factory;
        this.credentials = credentials;

        // IAM is global: reached and signed in us-east-1.
        iam = new(() => new AwsQueryClient(Http("iam", "us-east-1"), factory.Endpoints.Iam, "iam", "2010-05-08"));
        s3 = new(() => factory.Own(new AmazonS3Client(credentials, factory.S3Config())));
    }

    public AwsQueryClient Iam => iam.Value;

    public IAmazonS3 S3 => s3.Value;

    /// <summary>KMS is regional: the client for the keys of <paramref name="region"/>.</summary>
    public IAmazonKeyManagementService Kms(string region) =>
        kms.GetOrAdd(region, r => new Lazy<IAmazonKeyManagementService>(() => factory.Own(new AmazonKeyManagementServiceClient(credentials, factory.KmsConfig(r))))).Value;

    /// <summary>A signed HTTP pipeline for a Query or JSON client of <paramref name="service"/> in <paramref name="region"/>.</summary>
    public HttpClient Http(string service, string region) =>
        factory.Own(AwsHttp.CreateSignedClient(service, region, credentials, factory.Network));
}
