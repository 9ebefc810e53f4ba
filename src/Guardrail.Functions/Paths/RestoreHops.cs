using Guardrail.Core.Paths;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Paths;

/// <summary>
/// The hops a restorable change can cut, by restore kind: a role's policies (inline, attached, default version,
/// boundary) grant S3, <c>kms:Decrypt</c>, Glue and the next role of a chain, so they feed the trust, identity, key and
/// catalog hops; a key's policy and state, and a bucket's default encryption (which picks the key), the key hop;
/// Object Ownership, the ownership hop.
/// </summary>
internal static class RestoreHops
{
    private static readonly HopKind[] RolePolicyHops = [HopKind.Trust, HopKind.Identity, HopKind.Key, HopKind.Catalog];

    public static IReadOnlyList<HopKind> Of(string restoreKind) => restoreKind switch
    {
        RollbackKinds.InlinePolicy or RollbackKinds.PolicyAttachment or RollbackKinds.DefaultPolicyVersion or RollbackKinds.PermissionsBoundary => RolePolicyHops,
        RollbackKinds.KeyPolicy or RollbackKinds.KeyState or RollbackKinds.BucketEncryption => [HopKind.Key],
        RollbackKinds.OwnershipControls => [HopKind.Ownership],
        _ => throw new ArgumentOutOfRangeException(nameof(restoreKind), restoreKind, "not a restore kind of a path"),
    };
}
