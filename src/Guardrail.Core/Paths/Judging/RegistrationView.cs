using Guardrail.Core.Evaluation;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// The data hops as Lake Formation's registration role meets them: the tables it reads for the path, judged as a
/// path whose reader is that role (its policies, boundary and SCPs; the bucket policy, key and RCPs for it). The
/// results of its hops are kept so the Lake Formation hop can say when the role cannot read.
/// </summary>
internal sealed class RegistrationView(RoleArn role, PathJudging judging)
{
    private readonly Dictionary<HopKind, HopResult> results = [];

    public RoleArn Role => role;

    public PathJudging Judging => judging;

    /// <summary>The data hops judged for the role so far.</summary>
    public IReadOnlyDictionary<HopKind, HopResult> Results => results;

    public void Record(HopResult result) => results[result.Hop] = result;
}
