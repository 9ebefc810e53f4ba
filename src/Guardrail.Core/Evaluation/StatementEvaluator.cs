using Guardrail.Core.Conditions;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Evaluation;

/// <summary>Decides whether one statement applies to one request: principal AND action AND resource AND every condition.</summary>
public static class StatementEvaluator
{
    /// <summary>Evaluates <paramref name="statement"/> against <paramref name="request"/>.</summary>
    public static StatementOutcome Evaluate(Statement statement, AccessRequest request, bool substituteVariables)
    {
        var action = MatchAction(statement.Action, request.Action);
        if (action == Tri.False)
        {
            return new StatementOutcome(statement, Tri.False, Tri.Unknown, action, Tri.Unknown, []);
        }

        var principal = PrincipalMatcher.Applies(statement.Principal, request.Principal);
        if (principal == Tri.False)
        {
            return new StatementOutcome(statement, Tri.False, principal, action, Tri.Unknown, []);
        }

        var resource = MatchResource(statement.Resource, request, substituteVariables);
        if (resource == Tri.False)
        {
            return new StatementOutcome(statement, Tri.False, principal, action, resource, []);
        }

        var clauses = new ClauseOutcome[statement.Conditions.Count];
        var conditions = Tri.True;
        for (var i = 0; i < clauses.Length; i++)
        {
            clauses[i] = ConditionEvaluator.Evaluate(statement.Conditions[i], request.Context, substituteVariables);
            conditions = conditions.And(clauses[i].Value);
        }

        var applies = action.And(principal).And(resource).And(conditions);
        return new StatementOutcome(statement, applies, principal, action, resource, clauses);
    }

    /// <summary>Actions match case-insensitively with wildcards; NotAction applies to every action it does not list.</summary>
    public static Tri MatchAction(ActionBlock block, string action)
    {
        var listed = false;
        foreach (var pattern in block.Patterns)
        {
            if (new Glob(pattern).IsMatch(action, ignoreCase: true))
            {
                listed = true;
                break;
            }
        }

        return TriLogic.From(listed != block.Negated);
    }

    internal static Tri MatchResource(ResourceBlock? block, AccessRequest request, bool substitute)
    {
        if (block is null)
        {
            // Trust policies have no Resource: the role itself is the resource.
            return Tri.True;
        }

        var listed = Tri.False;
        foreach (var raw in block.Patterns)
        {
            var expansion = PolicyVariables.Expand(raw, request.Context, substitute);
            var single = expansion.Status switch
            {
                Tri.True => request.Resource switch
                {
                    ConcreteResource concrete => TriLogic.From(ArnMatcher.IsMatch(expansion.Pattern, concrete.Arn)),
                    UnknownResource family => ArnMatcher.MatchFamily(expansion.Pattern, TrimStar(family.ArnFamily)),
                    _ => Tri.Unknown,
                },
                Tri.False => Tri.False,
                _ => Tri.Unknown,
            };
            listed = listed.Or(single);
            if (listed == Tri.True)
            {
                break;
            }
        }

        return block.Negated ? listed.Not() : listed;
    }

    private static string TrimStar(string family) => family.EndsWith('*') ? family[..^1] : family;
}
