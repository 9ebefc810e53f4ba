using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;
using Guardrail.Functions.Configuration;

namespace Guardrail.Functions.Processing;

/// <summary>A protected bucket's policy, judged for every configured Spectrum role.</summary>
public sealed class BucketPolicyKind : PolicyDocumentKind
{
    private readonly Func<DateTimeOffset, IEnumerable<BucketCheckOptions>> checks;
    private readonly string? keyAccount;
    private readonly TimeProvider time;

    /// <summary>Single-account mode: the bucket judged for every configured role, with the configuration's settings.</summary>
    public BucketPolicyKind(string bucket, string account, GuardrailConfig config, TimeProvider time)
        : this(bucket, now => config.SpectrumRoles.Select(chain => new BucketCheckOptions(bucket, chain, account, config.Cluster, config.VpceIds, config.Prefixes, config.OrgId, now)), null, time)
    {
    }

    /// <summary>
    /// Judged with the checks <paramref name="checks"/> makes (one per path reading the bucket); <paramref name="keyAccount"/>
    /// puts the owner account in the state key (organization mode), null keeps single-account mode's key.
    /// </summary>
    public BucketPolicyKind(string bucket, Func<DateTimeOffset, IEnumerable<BucketCheckOptions>> checks, string? keyAccount, TimeProvider time, IReadOnlyList<string>? paths = null)
    {
        Paths = paths ?? [];
        Bucket = bucket;
        this.checks = checks;
        this.keyAccount = keyAccount;
        this.time = time;
    }

    public string Bucket { get; }

    /// <summary>The owner account, in the state key and alerts (organization mode); null in single-account mode.</summary>
    public override string? Account => keyAccount;

    public override IReadOnlyList<string> Paths { get; }

    public override string Key => keyAccount is null ? $"bucket#{Bucket}" : $"bucket#{keyAccount}#{Bucket}";

    public override string Type => "bucket-policy";

    public override string Name => $"s3://{Bucket}";

    public override PolicyDocument? Parse(string? text) => text is null ? null : PolicyParser.Parse(text, PolicyKind.Bucket);

    public override Verdict Evaluate(PolicyDocument? policy) =>
        VerdictCombination.Combine([.. checks(time.GetUtcNow()).Select(options => BucketPolicyEvaluator.Evaluate(policy, options))]);
}
