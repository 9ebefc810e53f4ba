using System.Collections.Concurrent;
using Guardrail.Aws.Calls;
using Guardrail.Aws.Iam;
using Guardrail.Aws.Kms;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Accounts;

/// <summary>One account's writers, made on first use over the same connections as its readers.</summary>
internal sealed class AccountWriters : IPathWriters
{
    private readonly Lazy<IIamPathWriter> iam;
    private readonly Lazy<IBucketSettingsWriter> buckets;
    private readonly ConcurrentDictionary<string, Lazy<IKeyWriter>> keys = new(StringComparer.Ordinal);
    private readonly AccountConnections connections;
    private readonly AwsCallCounter counter;

    public AccountWriters(AwsCallCounter counter, AccountConnections connections)
    {
        this.connections = connections;
        this.counter = counter;
        iam = new(() => new QueryIamPathWriter(connections.Iam, counter));
        buckets = new(() => new S3BucketSettingsWriter(connections.S3, counter));
    }

    public IIamPathWriter Iam => iam.Value;

    public IBucketSettingsWriter Buckets => buckets.Value;

    public IKeyWriter Keys(string region) =>
        keys.GetOrAdd(region, r => new Lazy<IKeyWriter>(() => new SdkKeyWriter(connections.Kms(r), counter))).Value;
}
