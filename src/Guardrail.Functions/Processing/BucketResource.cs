using Guardrail.Aws.S3;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Processing;

/// <summary>A protected bucket's policy, judged for every configured Spectrum role.</summary>
public sealed class BucketResource : IGuardedResource
{
    private readonly string bucket;
    private readonly string account;
    private readonly GuardrailConfig config;
    private readonly IBucketPolicies? policies;
    private readonly TimeProvider time;

    public BucketResource(string bucket, string account, GuardrailConfig config, IBucketPolicies? policies, TimeProvider time)
    {
        this.bucket = bucket;
        this.account = account;
        this.config = config;
        this.policies = policies;
        this.time = time;
    }

    public string Key => $"bucket#{bucket}";

    public string Type => "bucket-policy";

    public string Name => $"s3://{bucket}";

    public Task<string?> ReadLiveAsync(CancellationToken cancellationToken) => Policies.GetAsync(bucket, cancellationToken);

    public PolicyDocument? Parse(string? text) => text is null ? null : PolicyParser.Parse(text, PolicyKind.Bucket);

    public Verdict Evaluate(PolicyDocument? policy) =>
        VerdictCombination.Combine([.. config.SpectrumRoles.Select(chain => BucketPolicyEvaluator.Evaluate(policy, new BucketCheckOptions(
            bucket, chain, account, config.Cluster, config.VpceIds, config.Prefixes, config.OrgId, time.GetUtcNow())))]);

    public Task WriteAsync(string? policyText, CancellationToken cancellationToken) =>
        policyText is null ? Policies.DeleteAsync(bucket, cancellationToken) : Policies.PutAsync(bucket, policyText, cancellationToken);

    private IBucketPolicies Policies => policies ?? throw new InvalidOperationException("S3 is not available in a dry run");
}
