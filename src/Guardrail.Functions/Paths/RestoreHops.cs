using Guardrail.Core.Paths;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The hops a restorable change can cut, by restore kind: a role's policies (inline, attached, default version,
/// boundary) grant S3, <c>kms:Decrypt</c>, Glue and the next role of a chain, so they feed the trust, identity, key and
/// catalog hops; a key's policy and state, and a bucket's default encryption (which picks the key), the key hop;
/// Object Ownership, the ownership hop; Lake Formation grants, the lake-formation hop; a VPC endpoint's policy, the
/// vpc-endpoint hop; an access point's policy, the bucket hop (which judges the request through the access point).
/// </summary>
internal static class RestoreHops
{
    private static readonly HopKind[] RolePolicyHops = [HopKind.Trust, HopKind.Identity, HopKind.Key, HopKind.Catalog];

    public static IReadOnlyList<HopKind> Of(string restoreKind) => restoreKind switch
    {
        RollbackKinds.InlinePolicy or RollbackKinds.PolicyAttachment or RollbackKinds.DefaultPolicyVersion or RollbackKinds.PermissionsBoundary => RolePolicyHops,
        RollbackKinds.KeyPolicy or RollbackKinds.KeyState or RollbackKinds.BucketEncryption => [HopKind.Key],
        RollbackKinds.OwnershipControls => [HopKind.Ownership],
        RollbackKinds.LakeFormationPermissions => [HopKind.LakeFormation],
        RollbackKinds.VpcEndpointPolicy => [HopKind.VpcEndpoint],
        // A request through an access point needs its policy and the bucket's: the bucket hop judges both.
        RollbackKinds.AccessPointPolicy => [HopKind.Bucket],
        _ => throw new ArgumentOutOfRangeException(nameof(restoreKind), restoreKind, "not a restore kind of a path"),
    };
}
