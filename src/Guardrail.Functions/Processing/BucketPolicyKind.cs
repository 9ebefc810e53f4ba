using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Processing;

/// <summary>A protected bucket's policy, judged for every configured Spectrum role.</summary>
public sealed class BucketPolicyKind : PolicyDocumentKind
{
    private readonly string account;
    private readonly GuardrailConfig config;
    private readonly TimeProvider time;

    public BucketPolicyKind(string bucket, string account, GuardrailConfig config, TimeProvider time)
    {
        Bucket = bucket;
        this.account = account;
        this.config = config;
        this.time = time;
    }

    public string Bucket { get; }

    public override string Key => $"bucket#{Bucket}";

    public override string Type => "bucket-policy";

    public override string Name => $"s3://{Bucket}";

    public override PolicyDocument? Parse(string? text) => text is null ? null : PolicyParser.Parse(text, PolicyKind.Bucket);

    public override Verdict Evaluate(PolicyDocument? policy) =>
        VerdictCombination.Combine([.. config.SpectrumRoles.Select(chain => BucketPolicyEvaluator.Evaluate(policy, new BucketCheckOptions(
            Bucket, chain, account, config.Cluster, config.VpceIds, config.Prefixes, config.OrgId, time.GetUtcNow())))]);
}
