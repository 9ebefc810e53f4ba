using Guardrail.Core.Policies;

namespace Guardrail.Core.Evaluation;

/// <summary>Where the Allow a request needs may come from.</summary>
public enum GrantSource
{
    /// <summary>Same-account bucket access: the role's identity policy can grant, so only the policy's denies matter.</summary>
    IdentityPolicyMayGrant,

    /// <summary>Cross-account bucket access and role trust: the evaluated policy itself must allow.</summary>
    PolicyMustAllow,
}

/// <summary>The decision for one request, with the statements that decided it.</summary>
public sealed record RequestDecision(
    AccessRequest Request,
    Tri Allowed,
    Tri Allow,
    Tri Deny,
    IReadOnlyList<StatementOutcome> Denies,
    IReadOnlyList<StatementOutcome> Allows);

/// <summary>
/// AWS's policy evaluation for a single policy: an explicit deny wins; otherwise the request is allowed when
/// a statement allows it (or, for same-account access, when the identity policy may grant it).
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Evaluates <paramref name="request"/> against <paramref name="policy"/> (null: no policy at all).</summary>
    public static RequestDecision Evaluate(PolicyDocument? policy, AccessRequest request, GrantSource grant)
    {
        var denies = new List<StatementOutcome>();
        var allows = new List<StatementOutcome>();
        var deny = Tri.False;
        var allow = Tri.False;
        if (policy is not null)
        {
            foreach (var statement in policy.Statements)
            {
                var outcome = StatementEvaluator.Evaluate(statement, request, policy.SubstitutesVariables);
                if (outcome.Applies == Tri.False)
                {
                    continue;
                }

                if (statement.Effect == Effect.Deny)
                {
                    denies.Add(outcome);
                    deny = deny.Or(outcome.Applies);
                }
                else
                {
                    allows.Add(outcome);
                    allow = allow.Or(outcome.Applies);
                }
            }
        }

        var granted = grant == GrantSource.IdentityPolicyMayGrant ? Tri.True : allow;
        return new RequestDecision(request, granted.And(deny.Not()), allow, deny, denies, allows);
    }
}
