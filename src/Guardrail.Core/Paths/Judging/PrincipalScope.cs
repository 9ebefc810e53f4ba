using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// How a resource policy's statement reaches the role: by naming it (its ARN, a session of it, or everyone), or only
/// through its account. AWS treats them differently: naming the account delegates to the account's own (IAM)
/// policies — explicitly so for KMS key policies — so such a statement grants nothing alone.
/// </summary>
internal static class PrincipalScope
{
    /// <summary>Whether <paramref name="statement"/> may name the role itself (not only its account).</summary>
    public static bool NamesRole(Statement statement, RoleArn role)
    {
        var block = statement.Principal;
        if (block is null || block.Negated || block.Spec.IsEveryone)
        {
            return true;
        }

        return block.Spec.Entries.Any(e => e.Type == PrincipalTypes.Aws
            && (e.Value == "*" || e.Value == role.Arn || e.Value.StartsWith(role.SessionArnPrefix, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Whether <paramref name="statement"/> may reach the role's session without naming the role's ARN: everyone
    /// (<c>*</c>) or a session ARN. The IAM User Guide says a boundary caps a same-account grant to the role ARN and not
    /// one to the session ARN; for <c>*</c> it does not say, so such a grant may or may not be capped.
    /// </summary>
    public static bool MayBypassBoundary(Statement statement, RoleArn role)
    {
        var block = statement.Principal;
        if (block is null || block.Negated)
        {
            return false;
        }

        return block.Spec.IsEveryone || block.Spec.Entries.Any(e => e.Type == PrincipalTypes.Aws
            && (e.Value == "*" || e.Value.StartsWith(role.SessionArnPrefix, StringComparison.Ordinal)));
    }

    /// <summary>Whether <paramref name="statement"/> names the role's account (its id or root ARN).</summary>
    public static bool NamesAccount(Statement statement, RoleArn role) =>
        statement.Principal is { Negated: false } block
        && block.Spec.Entries.Any(e => e.Type == PrincipalTypes.Aws && (e.Value == role.AccountId || e.Value == role.AccountRootArn));
}
