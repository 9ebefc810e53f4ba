namespace Guardrail.Functions.Configuration;

/// <summary>
/// The kinds of change the guardrail may undo, named as <c>GUARDRAIL_ROLLBACK</c> lists them. Each is restored only
/// where the inverse is exact; the rest of the access path (cluster association, SCPs/RCPs, the Glue catalog, a
/// deleted role) is alerted on, never restored.
/// </summary>
public static class RollbackKinds
{
    public const string BucketPolicy = "bucket-policy";
    public const string TrustPolicy = "trust-policy";
    public const string InlinePolicy = "inline-policy";
    public const string PolicyAttachment = "policy-attachment";
    public const string DefaultPolicyVersion = "default-policy-version";
    public const string PermissionsBoundary = "permissions-boundary";
    public const string KeyPolicy = "key-policy";
    public const string KeyState = "key-state";
    public const string BucketEncryption = "bucket-encryption";
    public const string OwnershipControls = "ownership-controls";
    public const string LakeFormationPermissions = "lf-permissions";
    public const string VpcEndpointPolicy = "vpc-endpoint-policy";
    public const string AccessPointPolicy = "access-point-policy";

    /// <summary>Every kind, in the order the README lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [BucketPolicy, TrustPolicy, InlinePolicy, PolicyAttachment, DefaultPolicyVersion, PermissionsBoundary, KeyPolicy, KeyState, BucketEncryption, OwnershipControls, LakeFormationPermissions, VpcEndpointPolicy, AccessPointPolicy];

    /// <summary>Reads <c>true</c>, <c>false</c> or a comma list of kinds; adds a problem for anything else.</summary>
    public static IReadOnlySet<string> Parse(string? value, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "false":
                return new HashSet<string>(StringComparer.Ordinal);
            case "true":
                return new HashSet<string>(All, StringComparer.Ordinal);
        }

        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (All.Contains(kind, StringComparer.Ordinal))
            {
                kinds.Add(kind);
            }
            else
            {
                problems.Add($"GUARDRAIL_ROLLBACK: {Core.Text.SafeText.Quote(kind)} is not a kind of change the guardrail can undo; use true, false or a comma list of {string.Join(", ", All)}");
            }
        }

        return kinds;
    }
}
