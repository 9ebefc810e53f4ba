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

    /// <summary>The protected resource of the event for either function, or null.</summary>
    public static IPolicyKind? Resolve(PolicyChangeEvent change, GuardrailConfig config, TimeProvider time) =>
        config.Document is { } document
            ? change.IsTrustPolicyChange ? DocumentResources.Trust(change, document, time) : DocumentResources.Bucket(change, document, time)
            : change.IsTrustPolicyChange ? Trust(change, config, time) : Bucket(change, config, time);

    /// <summary>
    /// The protected bucket of a bucket-policy event. Its account is the one the configuration says the function
    /// guards, never the event's <c>recipientAccountId</c>: whoever can invoke the function could otherwise turn a
    /// same-account grant into a cross-account one.
    /// </summary>
    public static IPolicyKind? Bucket(PolicyChangeEvent change, GuardrailConfig config, TimeProvider time) =>
        change.IsBucketPolicyChange && change.BucketName is { } bucket && config.Protects(bucket)
            ? new BucketPolicyKind(bucket, config.AccountId ?? throw new InvalidOperationException("GUARDRAIL_ACCOUNT_ID is not set"), config, time)
            : null;

    public static IPolicyKind? Trust(PolicyChangeEvent change, GuardrailConfig config, TimeProvider time)
    {
        if (!change.IsTrustPolicyChange || change.RoleName is not { } role)
        {
            return null;
        }

        var chains = config.ChainsEndingIn(role);
        return chains.Count == 0 ? null : new TrustPolicyKind(role, chains, time);
    }
}
