using System.Text.Json;
using Guardrail.Core.Identifiers;
using Guardrail.Core.Parsing;

namespace Guardrail.Core.Paths.Snapshot;

/// <summary>Reads the <c>keys</c> section: per KMS key (as buckets name it), its policy, state, kind and grants.</summary>
internal static class KeySectionReader
{
    private static readonly KnownNames KeyNames = new("policy", "state", "awsManaged", "grants");
    private static readonly KnownNames GrantNames = new("granteePrincipal", "operations", "constraints");
    private static readonly KnownNames ConstraintNames = new("encryptionContextEquals", "encryptionContextSubset");

    // KMS's KeyState values (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
    private static readonly (string, string)[] States =
        [.. new[] { "Creating", "Enabled", "Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion", "Unavailable", "Updating" }.Select(s => (s, s))];

    // KMS's GrantOperation values (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html).
    private static readonly (string, string)[] Operations =
    [
        .. new[]
        {
            "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
            "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair",
            "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret",
        }.Select(s => (s, s)),
    ];

    public static Dictionary<string, KeyFacts> Read(JsonElement element, JsonLocation path) =>
        SnapshotJson.Map(element, path, AwsIdentifiers.KmsKeyProblem, static (key, keyPath, _) => Key(key, keyPath));

    private static KeyFacts Key(JsonElement element, JsonLocation path)
    {
        var key = SnapshotObject.Read(element, path, KeyNames);
        var policy = key.TryGet(0, out var policyElement, out var policyPath) ? SnapshotPolicies.Read(policyElement, policyPath, PolicyKind.Bucket) : null;
        var state = key.TryGet(1, out var stateElement, out var statePath) ? SnapshotJson.Choice(stateElement, statePath, States) : null;
        var awsManaged = key.TryGet(2, out var managedElement, out var managedPath) && SnapshotJson.Boolean(managedElement, managedPath);
        var grants = key.TryGet(3, out var grantsElement, out var grantsPath) ? SnapshotJson.Array(grantsElement, grantsPath, Grant) : null;
        return new KeyFacts(policy, state, awsManaged, grants);
    }

    private static KeyGrant Grant(JsonElement element, JsonLocation path)
    {
        var grant = SnapshotObject.Read(element, path, GrantNames);
        var grantee = SnapshotJson.NonEmpty(grant.Required(0, out var granteePath), granteePath);
        var operations = SnapshotJson.Array(grant.Required(1, out var operationsPath), operationsPath, static (op, opPath) => SnapshotJson.Choice(op, opPath, Operations));
        var constraints = grant.TryGet(2, out var constraintsElement, out var constraintsPath) && constraintsElement.ValueKind != JsonValueKind.Null
            ? Constraints(constraintsElement, constraintsPath)
            : null;
        return new KeyGrant(grantee, operations, constraints);
    }

    private static GrantConstraints Constraints(JsonElement element, JsonLocation path)
    {
        var constraints = SnapshotObject.Read(element, path, ConstraintNames);
        return new GrantConstraints(Context(constraints, 0), Context(constraints, 1));
    }

    // An encryption context: string keys to string values; null or absent means "not set".
    private static Dictionary<string, string>? Context(SnapshotObject constraints, int index) =>
        constraints.TryGet(index, out var element, out var path) && element.ValueKind != JsonValueKind.Null
            ? SnapshotJson.StringMap(element, path, static key => key.Length == 0 ? "an encryption context key must not be empty" : null)
            : null;
}
