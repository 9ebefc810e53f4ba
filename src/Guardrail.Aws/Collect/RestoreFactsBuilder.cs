using System.Collections.Immutable;

namespace Guardrail.Aws.Collect;

/// <summary>Gathers <see cref="RestoreFacts"/> while the sections collect (one collection, one thread at a time).</summary>
internal sealed class RestoreFactsBuilder
{
    private readonly Dictionary<string, RoleRestoreFacts> roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyRestoreFacts> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketRestoreFacts> buckets = new(StringComparer.Ordinal);

    public void Role(string roleArn, RoleRestoreFacts facts) => roles[roleArn] = facts;

    public void Key(string keyReference, KeyRestoreFacts facts) => keys[keyReference] = facts;

    public void Bucket(string bucket, BucketRestoreFacts facts) => buckets[bucket] = facts;

    public RestoreFacts Build() => new(Frozen(roles), Frozen(keys), Frozen(buckets));

    private static ImmutableSortedDictionary<string, T> Frozen<T>(Dictionary<string, T> facts) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, facts);
}
