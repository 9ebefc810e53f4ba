using Guardrail.Aws.Iam;
using Guardrail.Aws.S3;
using Guardrail.Functions.Configuration;
using Guardrail.Functions.Events;

namespace Guardrail.Functions.Processing;

/// <summary>Which protected resource an event is about, or null when it is about none.</summary>
public static class ResourceResolver
{
    /// <summary>Why a function does not handle this kind of event, or null when it does.</summary>
    public static string? WrongFunction(string function, PolicyChangeEvent change) => function switch
    {
        "bucket-policy" when !change.IsBucketPolicyChange => $"the bucket-policy function handles S3 PutBucketPolicy and DeleteBucketPolicy; this is {change.EventName} from {change.EventSource}",
        "trust-policy" when !change.IsTrustPolicyChange => $"the trust-policy function handles IAM UpdateAssumeRolePolicy; this is {change.EventName} from {change.EventSource}",
        _ => null,
    };

    public static IGuardedResource? Bucket(PolicyChangeEvent change, GuardrailConfig config, IBucketPolicies? s3, TimeProvider time) =>
        change.IsBucketPolicyChange && change.BucketName is { } bucket && config.Protects(bucket)
            ? new BucketResource(bucket, change.Account, config, s3, time)
            : null;

    public static IGuardedResource? Trust(PolicyChangeEvent change, GuardrailConfig config, IIamRoles? iam, TimeProvider time)
    {
        if (!change.IsTrustPolicyChange || change.RoleName is not { } role)
        {
            return null;
        }

        var chains = config.ChainsEndingIn(role);
        return chains.Count == 0 ? null : new TrustResource(role, chains, iam, time);
    }
}
