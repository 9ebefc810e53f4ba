using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// How the reader's session may decrypt an SSE-KMS bucket's data, per request shape (one per cluster kind): the key
/// policy naming the role, the key policy delegating to the role's account (then the role's policies must allow
/// too), or a grant. Same account: any of them suffices. Another account: the key policy must let the role in (by
/// name or account) <em>and</em> the role's policies must allow, or a grant does. Decided once per bucket and shared
/// by the identity and key hops, which each report their own part.
/// </summary>
internal sealed class KeyRoute
{
    private KeyRoute(BucketReads bucket, string keyResource, KmsArn? arn, KeyFacts? facts)
    {
        Bucket = bucket;
        KeyResource = keyResource;
        Arn = arn;
        Facts = facts;
    }

    public BucketReads Bucket { get; }

    /// <summary>The key as the bucket's encryption names it (key or alias ARN).</summary>
    public string KeyResource { get; }

    /// <summary>Its account and Region; null when the name is not a KMS ARN.</summary>
    public KmsArn? Arn { get; }

    /// <summary>What the snapshot says about the key; null when nothing.</summary>
    public KeyFacts? Facts { get; }

    /// <summary>Whether the key is in another account than the reader.</summary>
    public bool CrossAccount { get; private init; }

    public IReadOnlyList<RequestShape> Shapes { get; private init; } = [];

    /// <summary>Per shape: the whole key policy (its denies), and the decision of every route.</summary>
    public IReadOnlyList<KeyShapeDecision> Decisions { get; private init; } = [];

    /// <summary>The route of <paramref name="bucket"/>'s key; null when the bucket is not SSE-KMS (or its encryption is unknown).</summary>
    public static KeyRoute? For(PathJudging path, BucketReads bucket)
    {
        if (bucket.Facts?.Encryption is not { Algorithm: not EncryptionAlgorithm.Aes256, KmsKeyArn: { } keyResource } encryption)
        {
            return null;
        }

        var arn = KmsArn.Parse(keyResource);
        var facts = path.Snapshot.Keys.GetValueOrDefault(keyResource);
        if (arn is null || facts?.Policy is null)
        {
            return new KeyRoute(bucket, keyResource, arn, facts);
        }

        var reader = path.Reader;
        var shapes = path.Kinds
            .Select(k => PathShapes.ForKey(path.Options(bucket, k), keyResource, arn.Account, arn.Region, encryption.BucketKeyEnabled, bucket.Prefixes, path.ExtraObjectChars))
            .ToList();
        var sets = KeyPolicySets.Of(keyResource, facts.Policy, reader);
        var cross = arn.Account != reader.AccountId;
        var bucketArn = $"arn:{reader.Partition}:s3:::{bucket.Name}";
        var grants = facts.Grants is { } list ? KeyGrants.Decide(list, reader, bucketArn, encryption.BucketKeyEnabled) : Tri.Unknown;
        var decisions = shapes.Select(shape => sets.Decide(shape, set => path.Decide(set, shape), path.Identity, grants, cross)).ToList();

        return new KeyRoute(bucket, keyResource, arn, facts) { CrossAccount = cross, Shapes = shapes, Decisions = decisions };
    }
}

/// <summary>The key route's decision for one shape.</summary>
/// <param name="Shape">The request shape.</param>
/// <param name="Policy">The whole key policy (for its denies).</param>
/// <param name="ByName">Allows naming the role (or everyone), with the denies.</param>
/// <param name="ByAccount">Allows delegating to the role's account only, with the denies.</param>
/// <param name="Identity">The role's own policies; null when not given.</param>
/// <param name="Grants">Whether a grant lets the role decrypt (unknown when the grants were not given).</param>
/// <param name="Total">Whether some route grants every request of the shape.</param>
/// <param name="PolicyLetsRoleIn">Whether the key policy names the role or delegates to its account for every request.</param>
internal sealed record KeyShapeDecision(
    RequestShape Shape,
    SetJudgement Policy,
    SetJudgement ByName,
    SetJudgement ByAccount,
    SetJudgement? Identity,
    Tri Grants,
    Tri Total,
    Tri PolicyLetsRoleIn)
{
    /// <summary>Whether the work budget ran out before some route was decided (an unknown total is then the budget's, not a missing route).</summary>
    public bool CutByBudget => ByName.CutByBudget || ByAccount.CutByBudget || (Identity?.CutByBudget ?? false);

    /// <summary>
    /// Whether the route fails only because the role's own policies do not allow <c>kms:Decrypt</c>: the key policy
    /// lets the role's account in, the grants are known and none lets the role decrypt, and identity is what is missing.
    /// </summary>
    public bool IdentityDecides => Total != Tri.True && PolicyLetsRoleIn == Tri.True && Grants == Tri.False && Identity is { Grant: not Tri.True };

    public static KeyShapeDecision Combine(RequestShape shape, SetJudgement policy, SetJudgement byName, SetJudgement byAccount, SetJudgement? identity, Tri grants, bool cross)
    {
        var identityGrant = identity?.Grant ?? Tri.Unknown;
        var identityVaries = identity?.GrantVariesWithinShape ?? false;
        var letsIn = TriOr.Of((byName.Grant, byName.GrantVariesWithinShape), (byAccount.Grant, byAccount.GrantVariesWithinShape));
        var viaPolicy = cross
            ? letsIn.And(identityGrant)
            : TriOr.Of((byName.Grant, byName.GrantVariesWithinShape), (byAccount.Grant.And(identityGrant), byAccount.GrantVariesWithinShape || identityVaries));
        var varies = byName.GrantVariesWithinShape || byAccount.GrantVariesWithinShape || identityVaries;
        var total = TriOr.Of((viaPolicy, varies), (grants, false));
        return new KeyShapeDecision(shape, policy, byName, byAccount, identity, grants, total, letsIn);
    }
}
