using System.Collections.Concurrent;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Ec2;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Kms;
using Guardrail.Aws.LakeFormation;
using Guardrail.Aws.S3;
using Guardrail.Aws.S3Control;

namespace Guardrail.Aws.Accounts;

/// <summary>One account's writers, made on first use over the same connections as its readers.</summary>
internal sealed class AccountWriters : IPathWriters
{
    private readonly Lazy<IIamPathWriter> iam;
    private readonly Lazy<IBucketSettingsWriter> buckets;
    private readonly ConcurrentDictionary<string, Lazy<IKeyWriter>> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IVpcEndpointWriter>> vpcEndpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IAccessPointWriter>> accessPoints = new(StringComparer.Ordinal);
    private readonly Lazy<ILakeFormationWriter> lakeFormation;
    private readonly AccountConnections connections;
    private readonly AwsCallCounter counter;

    public AccountWriters(AwsCallCounter counter, AccountConnections connections)
    {
        this.connections = connections;
        this.counter = counter;
        iam = new(() => new QueryIamPathWriter(connections.Iam, counter));
        buckets = new(() => new S3BucketSettingsWriter(connections.S3, counter));
        lakeFormation = new(() => new RestLakeFormationWriter(connections.LakeFormation, counter));
    }

    public IIamPathWriter Iam => iam.Value;

    public IBucketSettingsWriter Buckets => buckets.Value;

    public ILakeFormationWriter LakeFormation => lakeFormation.Value;

    public IVpcEndpointWriter VpcEndpoints(string region) =>
        vpcEndpoints.GetOrAdd(region, r => new Lazy<IVpcEndpointWriter>(() => new QueryVpcEndpointWriter(connections.Ec2(r), counter))).Value;

    public IAccessPointWriter AccessPoints(string region) =>
        accessPoints.GetOrAdd(region, r => new Lazy<IAccessPointWriter>(() => new RestAccessPointWriter(connections.S3Control(r), counter))).Value;

    public IKeyWriter Keys(string region) =>
        keys.GetOrAdd(region, r => new Lazy<IKeyWriter>(() => new SdkKeyWriter(connections.Kms(r), counter))).Value;
}
