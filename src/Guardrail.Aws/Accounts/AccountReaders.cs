using System.Collections.Concurrent;
using Guardrail.Aws.Ec2;
using Guardrail.Aws.Glue;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Json;
using Guardrail.Aws.Kms;
using Guardrail.Aws.LakeFormation;
using Guardrail.Aws.Organizations;
using Guardrail.Aws.Query;
using Guardrail.Aws.Redshift;
using Guardrail.Aws.S3;
using Guardrail.Aws.S3Control;

namespace Guardrail.Aws.Accounts;

/// <summary>One account's readers, made on first use over that account's connections.</summary>
internal sealed class AccountReaders : IPathReaders
{
    private readonly Lazy<IIamPathReader> iam;
    private readonly Lazy<IBucketSettings> buckets;
    private readonly Lazy<ICatalogPolicyReader> catalog;
    private readonly Lazy<IClusterReader> clusters;
    private readonly Lazy<INamespaceReader> namespaces;
    private readonly Lazy<IOrganizationReader> organization;
    private readonly Lazy<IWorkgroupReader> workgroups;
    private readonly Lazy<ILakeFormationReader> lakeFormation;
    private readonly ConcurrentDictionary<string, Lazy<IVpcNetworkReader>> networks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IAccessPointReader>> accessPoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IKeyReader>> keys = new(StringComparer.Ordinal);
    private readonly AccountConnections connections;
    private readonly Calls.AwsCallCounter counter;

    public AccountReaders(AccountClientFactory factory, AccountConnections connections)
    {
        this.connections = connections;
        counter = factory.Counter;
        var endpoints = factory.Endpoints;
        var region = factory.Region;

        // Organizations is global: reached and signed in us-east-1.
        iam = new(() => new QueryIamPathReader(connections.Iam, counter));
        organization = new(() => new JsonOrganizationReader(new AwsJsonClient(connections.Http("organizations", "us-east-1"), endpoints.Organizations, "organizations", JsonOrganizationReader.TargetPrefix), counter));
        buckets = new(() => new S3BucketSettings(connections.S3, counter));
        catalog = new(() => new JsonCatalogPolicyReader(new AwsJsonClient(connections.Http("glue", region), endpoints.Regional("GLUE", "glue", region), "glue", JsonCatalogPolicyReader.TargetPrefix), counter));
        clusters = new(() => new QueryClusterReader(new AwsQueryClient(connections.Http("redshift", region), endpoints.Regional("REDSHIFT", "redshift", region), "redshift", QueryClusterReader.ApiVersion), counter));
        namespaces = new(() => new JsonNamespaceReader(RedshiftServerless(endpoints, region), counter));
        workgroups = new(() => new JsonWorkgroupReader(RedshiftServerless(endpoints, region), counter));
        lakeFormation = new(() => new RestLakeFormationReader(connections.LakeFormation, counter));
    }

    public IIamPathReader Iam => iam.Value;

    public IBucketSettings Buckets => buckets.Value;

    public ICatalogPolicyReader Catalog => catalog.Value;

    public IClusterReader Clusters => clusters.Value;

    public INamespaceReader Namespaces => namespaces.Value;

    public IOrganizationReader Organization => organization.Value;

    public IWorkgroupReader Workgroups => workgroups.Value;

    public ILakeFormationReader LakeFormation => lakeFormation.Value;

    public IVpcNetworkReader Network(string region) =>
        networks.GetOrAdd(region, r => new Lazy<IVpcNetworkReader>(() => new QueryVpcNetworkReader(connections.Ec2(r), counter))).Value;

    public IAccessPointReader AccessPoints(string region) =>
        accessPoints.GetOrAdd(region, r => new Lazy<IAccessPointReader>(() => new RestAccessPointReader(connections.S3Control(r), counter))).Value;

    public IKeyReader Keys(string region) =>
        keys.GetOrAdd(region, r => new Lazy<IKeyReader>(() => new SdkKeyReader(connections.Kms(r), counter))).Value;

    private AwsJsonClient RedshiftServerless(AwsEndpoints endpoints, string region) =>
        new(connections.Http("redshift-serverless", region), endpoints.Regional("REDSHIFT_SERVERLESS", "redshift-serverless", region), "redshift-serverless", JsonNamespaceReader.TargetPrefix);
}
