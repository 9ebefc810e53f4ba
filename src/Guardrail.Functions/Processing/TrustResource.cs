using Guardrail.Aws.Iam;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Functions.Processing;

/// <summary>A Spectrum role's trust policy, judged for every configured chain the role appears in.</summary>
public sealed class TrustResource : IGuardedResource
{
    private readonly string roleName;
    private readonly IReadOnlyList<IReadOnlyList<RoleArn>> chains;
    private readonly IIamRoles? iam;
    private readonly TimeProvider time;

    public TrustResource(string roleName, IReadOnlyList<IReadOnlyList<RoleArn>> chains, IIamRoles? iam, TimeProvider time)
    {
        this.roleName = roleName;
        this.chains = chains;
        this.iam = iam;
        this.time = time;
    }

    public string Key => $"role#{roleName}";

    public string Type => "trust-policy";

    public string Name => chains[0][^1].Arn;

    public async Task<string?> ReadLiveAsync(CancellationToken cancellationToken) =>
        (await Iam.GetTrustPolicyAsync(roleName, cancellationToken).ConfigureAwait(false)).PolicyDocument;

    public PolicyDocument? Parse(string? text) =>
        PolicyParser.Parse(text ?? throw new InvalidOperationException("a role always has a trust policy"), PolicyKind.Trust);

    public Verdict Evaluate(PolicyDocument? policy) =>
        VerdictCombination.Combine([.. chains.Select(chain => TrustPolicyEvaluator.Evaluate(policy!, new TrustCheckOptions(chain, time.GetUtcNow())))]);

    public Task WriteAsync(string? policyText, CancellationToken cancellationToken) =>
        Iam.UpdateTrustPolicyAsync(roleName, policyText ?? throw new InvalidOperationException("a trust policy cannot be deleted"), cancellationToken);

    private IIamRoles Iam => iam ?? throw new InvalidOperationException("IAM is not available in a dry run");
}
