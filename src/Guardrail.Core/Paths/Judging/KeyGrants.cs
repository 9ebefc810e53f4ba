using Guardrail.Core.Evaluation;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Whether a KMS grant lets the role decrypt S3's data: it is for the role (or one of its sessions), includes
/// <c>Decrypt</c>, and its encryption-context constraints hold for the context S3 sends, <c>{"aws:s3:arn": ARN}</c>.
/// With S3 Bucket Keys the ARN is the bucket's, so a constraint is decided exactly; without, it is each object's,
/// so a constraint pinning one ARN covers only that object, never the table.
/// </summary>
internal static class KeyGrants
{
    private const string ContextKey = "aws:s3:arn";

    public static Tri Decide(IReadOnlyList<KeyGrant> grants, RoleArn role, string bucketArn, bool bucketKey) =>
        TriLogic.Any(grants.Select(g => Decide(g, role, bucketArn, bucketKey)));

    private static Tri Decide(KeyGrant grant, RoleArn role, string bucketArn, bool bucketKey)
    {
        if (grant.GranteePrincipal != role.Arn && !grant.GranteePrincipal.StartsWith(role.SessionArnPrefix, StringComparison.Ordinal))
        {
            return Tri.False;
        }

        if (!grant.Operations.Contains("Decrypt", StringComparer.Ordinal))
        {
            return Tri.False;
        }

        // A grant to one session of the role holds only if Redshift uses that session name, which is not documented.
        var principal = grant.GranteePrincipal == role.Arn ? Tri.True : Tri.Unknown;
        return principal.And(Holds(grant.Constraints, bucketArn, bucketKey));
    }

    private static Tri Holds(GrantConstraints? constraints, string bucketArn, bool bucketKey)
    {
        if (constraints is null)
        {
            return Tri.True;
        }

        var result = Tri.True;
        if (constraints.EncryptionContextEquals is { } equals)
        {
            result = result.And(equals.Count == 1 && equals.TryGetValue(ContextKey, out var value) ? Matches(value, bucketArn, bucketKey) : Tri.False);
        }

        if (constraints.EncryptionContextSubset is { } subset)
        {
            foreach (var (key, value) in subset)
            {
                result = result.And(key == ContextKey ? Matches(value, bucketArn, bucketKey) : Tri.False);
            }
        }

        return result;
    }

    // Without Bucket Keys every object has its own ARN: one value can match one object, never all of them.
    private static Tri Matches(string value, string bucketArn, bool bucketKey) =>
        bucketKey ? TriLogic.From(value == bucketArn) : Tri.False;
}
