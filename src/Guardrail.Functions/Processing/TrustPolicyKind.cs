using Guardrail.Core.Evaluation;
using Guardrail.Core.Findings;
using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;
using Guardrail.Core.Spectrum;

namespace Guardrail.Functions.Processing;

/// <summary>A Spectrum role's trust policy, judged for every configured chain the role appears in.</summary>
public sealed class TrustPolicyKind : PolicyDocumentKind
{
    private readonly IReadOnlyList<IReadOnlyList<RoleArn>> chains;
    private readonly TimeProvider time;

    public TrustPolicyKind(string roleName, IReadOnlyList<IReadOnlyList<RoleArn>> chains, TimeProvider time, string? keyAccount = null, IReadOnlyList<string>? paths = null)
    {
        Paths = paths ?? [];
        Account = keyAccount;
        RoleName = roleName;
        this.chains = chains;
        this.time = time;
    }

    public string RoleName { get; }

    /// <summary>The role's account, in its state key and alerts (organization mode, where a role name repeats across accounts); null in single-account mode.</summary>
    public override string? Account { get; }

    public override IReadOnlyList<string> Paths { get; }

    public override string Key => Account is null ? $"role#{RoleName}" : $"role#{Account}#{RoleName}";

    public override string Type => "trust-policy";

    public override string Name => chains[0][^1].Arn;

    public override PolicyDocument? Parse(string? text) =>
        PolicyParser.Parse(text ?? throw new InvalidOperationException("a role always has a trust policy"), PolicyKind.Trust);

    public override Verdict Evaluate(PolicyDocument? policy) =>
        VerdictCombination.Combine([.. chains.Select(chain => TrustPolicyEvaluator.Evaluate(policy!, new TrustCheckOptions(chain, time.GetUtcNow())))]);
}
