using Guardrail.Core.Policies;

namespace Guardrail.Core.Evaluation;

/// <summary>
/// Decides whether a Principal or NotPrincipal element covers the requester. An account ID and the account's
/// root ARN stand for the whole account; a role ARN covers the role's sessions; a session ARN names one session,
/// whose name the guardrail does not know.
/// </summary>
public static class PrincipalMatcher
{
    /// <summary>Whether the statement applies to <paramref name="principal"/> because of its Principal/NotPrincipal.</summary>
    public static Tri Applies(PrincipalBlock? block, RequestPrincipal principal)
    {
        if (block is null)
        {
            // Identity policies have no principal element: they apply to the identity they are attached to.
            return Tri.True;
        }

        return block.Negated ? IsExempt(block.Spec, principal).Not() : Names(block.Spec, principal);
    }

    private static Tri Names(PrincipalSpec spec, RequestPrincipal principal)
    {
        if (spec.IsEveryone)
        {
            return Tri.True;
        }

        var result = Tri.False;
        foreach (var entry in spec.Entries)
        {
            result = result.Or(NamesEntry(entry, principal));
            if (result == Tri.True)
            {
                break;
            }
        }

        return result;
    }

    private static Tri NamesEntry(PrincipalEntry entry, RequestPrincipal principal)
    {
        switch (principal)
        {
            case RoleSessionPrincipal session when entry.Type == PrincipalTypes.Aws:
                var role = session.Role;
                if (entry.Value == role.AccountId || role.IsAccountRootArn(entry.Value))
                {
                    return Tri.True;
                }

                if (entry.Value == role.Arn)
                {
                    return Tri.True;
                }

                return NamesSession(entry.Value, session);
            case ServicePrincipal service when entry.Type == PrincipalTypes.Service:
                return TriLogic.From(service.Names.Contains(entry.Value, StringComparer.OrdinalIgnoreCase));
            default:
                return Tri.False;
        }
    }

    /// <summary>
    /// NotPrincipal exempts a role session only when it lists the account, the role and the session itself:
    /// naming only the role still denies its sessions.
    /// </summary>
    private static Tri IsExempt(PrincipalSpec spec, RequestPrincipal principal)
    {
        if (spec.IsEveryone)
        {
            return Tri.True;
        }

        switch (principal)
        {
            case RoleSessionPrincipal session:
                var role = session.Role;
                var aws = spec.Entries.Where(e => e.Type == PrincipalTypes.Aws).Select(e => e.Value).ToList();
                var account = aws.Any(v => v == role.AccountId || role.IsAccountRootArn(v));
                var roleListed = aws.Contains(role.Arn, StringComparer.Ordinal);
                var sessionListed = TriLogic.Any(aws.Select(v => NamesSession(v, session)));
                return TriLogic.From(account && roleListed).And(sessionListed);
            default:
                return Names(spec, principal);
        }
    }

    /// <summary>Whether a principal value names this session: unknown when it names some session of the role and ours is unnamed.</summary>
    private static Tri NamesSession(string value, RoleSessionPrincipal session)
    {
        if (!session.Role.StartsWithSessionArnPrefix(value, out var prefixLength) || value.Length == prefixLength)
        {
            return Tri.False;
        }

        return session.SessionArn is null ? Tri.Unknown : TriLogic.From(value == session.SessionArn);
    }
}
