using System.Collections.Concurrent;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Guardrail.Aws.Glue;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Json;
using Guardrail.Aws.Kms;
using Guardrail.Aws.Organizations;
using Guardrail.Aws.Query;
using Guardrail.Aws.Redshift;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Accounts;

/// <summary>One account's readers, made on first use with that account's credentials and owned by the factory.</summary>
internal sealed class AccountReaders : IPathReaders
{
    private readonly AccountClientFactory factory;
    private readonly AWSCredentials credentials;
    private readonly Lazy<IIamPathReader> iam;
    private readonly Lazy<IBucketSettings> buckets;
    private readonly Lazy<ICatalogPolicyReader> catalog;
    private readonly Lazy<IClusterReader> clusters;
    private readonly Lazy<INamespaceReader> namespaces;
    private readonly Lazy<IOrganizationReader> organization;
    private readonly ConcurrentDictionary<string, Lazy<IKeyReader>> keys = new(StringComparer.Ordinal);

    public AccountReaders(AccountClientFactory factory, AWSCredentials credentials)
    {
        this.factory = factory;
        this.credentials = credentials;
        var counter = factory.Counter;
        var endpoints = factory.Endpoints;
        var region = factory.Region;

        // IAM and Organizations are global: reached and signed in us-east-1.
        iam = new(() => new QueryIamPathReader(new AwsQueryClient(Http("iam", "us-east-1"), endpoints.Iam, "iam", "2010-05-08"), counter));
        organization = new(() => new JsonOrganizationReader(new AwsJsonClient(Http("organizations", "us-east-1"), endpoints.Organizations, "organizations", JsonOrganizationReader.TargetPrefix), counter));
        buckets = new(() => new S3BucketSettings(factory.Own(new AmazonS3Client(credentials, factory.S3Config())), counter));
        catalog = new(() => new JsonCatalogPolicyReader(new AwsJsonClient(Http("glue", region), endpoints.Regional("GLUE", "glue", region), "glue", JsonCatalogPolicyReader.TargetPrefix), counter));
        clusters = new(() => new QueryClusterReader(new AwsQueryClient(Http("redshift", region), endpoints.Regional("REDSHIFT", "redshift", region), "redshift", QueryClusterReader.ApiVersion), counter));
        namespaces = new(() => new JsonNamespaceReader(new AwsJsonClient(Http("redshift-serverless", region), endpoints.Regional("REDSHIFT_SERVERLESS", "redshift-serverless", region), "redshift-serverless", JsonNamespaceReader.TargetPrefix), counter));
    }

    public IIamPathReader Iam => iam.Value;

    public IBucketSettings Buckets => buckets.Value;

    public ICatalogPolicyReader Catalog => catalog.Value;

    public IClusterReader Clusters => clusters.Value;

    public INamespaceReader Namespaces => namespaces.Value;

    public IOrganizationReader Organization => organization.Value;

    public IKeyReader Keys(string region) =>
        keys.GetOrAdd(region, r => new Lazy<IKeyReader>(() => new SdkKeyReader(factory.Own(new AmazonKeyManagementServiceClient(credentials, factory.KmsConfig(r))), factory.Counter))).Value;

    private HttpClient Http(string service, string region) =>
        factory.Own(AwsHttp.CreateSignedClient(service, region, credentials, factory.Network));
}
