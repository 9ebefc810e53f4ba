using System.Collections.Immutable;
using Guardrail.Aws.S3;

namespace Guardrail.Aws.Collect;

/// <summary>
/// What putting a hop back needs that the snapshot does not say (its schema is fixed by the path check): version
/// ids, bare key ids, the raw bucket settings before the snapshot's defaults are applied. Collected beside the
/// snapshot from the answers the collector already has, no extra call. What could not be read is absent or null,
/// never guessed, so a restore built on these facts never writes a value nobody read.
/// </summary>
/// <param name="Roles">By role ARN, as the chain names it.</param>
/// <param name="Keys">By the key reference a bucket's default encryption uses (key ARN or alias ARN, as in the snapshot's <c>keys</c>).</param>
/// <param name="Buckets">By bucket name.</param>
public sealed record RestoreFacts(
    IReadOnlyDictionary<string, RoleRestoreFacts> Roles,
    IReadOnlyDictionary<string, KeyRestoreFacts> Keys,
    IReadOnlyDictionary<string, BucketRestoreFacts> Buckets)
{
    /// <summary>No facts (nothing collected).</summary>
    public static RestoreFacts Empty { get; } = new(
        ImmutableSortedDictionary<string, RoleRestoreFacts>.Empty,
        ImmutableSortedDictionary<string, KeyRestoreFacts>.Empty,
        ImmutableSortedDictionary<string, BucketRestoreFacts>.Empty);

    /// <summary>The default version id of a managed policy attached to (or the boundary of) any role of the path; null when none was read.</summary>
    public string? DefaultVersionOf(string policyArn) =>
        Roles.Values.Select(r => r.DefaultVersions.GetValueOrDefault(policyArn)).FirstOrDefault(v => v is not null);
}

/// <summary>A role's restore facts.</summary>
/// <param name="PermissionsBoundary">The boundary policy's ARN (<c>GetRole</c>): null when the role could not be read; a null value when it has no boundary.</param>
/// <param name="AttachedPolicyArns">The attached managed policies (<c>ListAttachedRolePolicies</c>), in IAM's order; null when not read.</param>
/// <param name="DefaultVersions">Policy ARN → default version id, for the attached policies and the boundary whose version was read.</param>
public sealed record RoleRestoreFacts(
    Read<string?>? PermissionsBoundary,
    IReadOnlyList<string>? AttachedPolicyArns,
    IReadOnlyDictionary<string, string> DefaultVersions);

/// <summary>What <c>DescribeKey</c> said about a key a bucket uses (present only when it answered).</summary>
/// <param name="KeyId">The bare key id: key-state calls (<c>EnableKey</c>, <c>CancelKeyDeletion</c>) take it everywhere, moto included.</param>
/// <param name="Arn">The key's ARN (never an alias).</param>
/// <param name="State">The key state, e.g. <c>Enabled</c>, <c>Disabled</c>, <c>PendingDeletion</c>.</param>
/// <param name="AwsManaged">Whether the key manager is <c>AWS</c> (like <c>aws/s3</c>): its policy and state are AWS's, not restorable.</param>
public sealed record KeyRestoreFacts(string KeyId, string Arn, string State, bool AwsManaged);

/// <summary>A bucket's restore facts, as S3 answered, before the snapshot's defaults (no rule → AES256, no controls → ObjectWriter).</summary>
/// <param name="Account">The owner account the reads (and the restores) name as expected bucket owner.</param>
/// <param name="Encryption">The default-encryption rule: null when not read; a null value when the bucket has none (restore: delete).</param>
/// <param name="Ownership">The Object Ownership setting: null when not read; a null value when the bucket has no controls (restore: delete).</param>
public sealed record BucketRestoreFacts(string Account, Read<DefaultEncryption?>? Encryption, Read<string?>? Ownership);
