using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// A key policy split the way KMS reads it for the reader: the whole policy (its denies), the allows that name the
/// role (or everyone), and the allows that only delegate to the role's account. The key route decides a request
/// shape from them — for a family of requests or for one request alike, so both judge by the same rules.
/// </summary>
/// <param name="Whole">Every statement.</param>
/// <param name="ByName">The allows naming the role or everyone.</param>
/// <param name="ByAccount">The allows naming the role's account only.</param>
internal sealed record KeyPolicySets(PolicySet Whole, PolicySet ByName, PolicySet ByAccount)
{
    /// <summary>The sets of <paramref name="policy"/>, the policy of <paramref name="keyResource"/>, for <paramref name="reader"/>.</summary>
    public static KeyPolicySets Of(string keyResource, PolicyDocument policy, RoleArn reader)
    {
        var named = new NamedPolicy($"key policy of {keyResource}", policy);
        return new KeyPolicySets(
            PolicySet.Of(named),
            PolicySet.Of(named, s => s.Effect == Effect.Allow && PrincipalScope.NamesRole(s, reader)),
            PolicySet.Of(named, s => s.Effect == Effect.Allow && PrincipalScope.NamesAccount(s, reader) && !PrincipalScope.NamesRole(s, reader)));
    }

    /// <summary>Decides every route for <paramref name="shape"/>, each set judged by <paramref name="decide"/>.</summary>
    /// <param name="shape">The request shape.</param>
    /// <param name="decide">Judges a set over the shape (for the reader's session, counting the work).</param>
    /// <param name="identity">The role's own policies; null when not given.</param>
    /// <param name="grants">Whether a grant lets the role decrypt.</param>
    /// <param name="cross">Whether the key is in another account than the role.</param>
    public KeyShapeDecision Decide(RequestShape shape, Func<PolicySet, SetJudgement> decide, PolicySet? identity, Tri grants, bool cross) =>
        KeyShapeDecision.Combine(shape, decide(Whole), decide(ByName), decide(ByAccount), identity is null ? null : decide(identity), grants, cross);
}
