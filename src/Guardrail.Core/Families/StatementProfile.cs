using Guardrail.Core.Conditions;
using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Families;

/// <summary>
/// One statement prepared for deciding whole request shapes: which of its clauses test which dimension (each
/// group decided over its own points), which stay fixed, and whether it applies to the principal at all. Since a
/// statement is a conjunction and the dimensions vary independently, its best (or worst) value over a shape is the
/// conjunction of each part's best (or worst): Kleene AND is the minimum in False &lt; Unknown &lt; True.
/// </summary>
internal sealed class StatementProfile
{
    private static readonly string[] DimensionKeyNames = ["CurrentTime", "EpochTime", "signatureAge"];

    // Collections are made only when needed: a large policy has many statements and most test no dimension.
    private static readonly Dictionary<DimensionKind, (NumericDimension Dimension, List<ConditionClause> Clauses)> NoDimensions = [];

    private readonly bool substitutesVariables;
    private readonly List<ConditionClause> undimensioned = [];
    private (string Action, Tri Match)[] actionMatches;
    private Dictionary<DimensionKind, (NumericDimension Dimension, List<ConditionClause> Clauses)> byDimension = NoDimensions;
    private Dictionary<DimensionKind, DimensionGroup>? groups;

    private StatementProfile(Statement statement, Tri principal, (string Action, Tri Match)[] actionMatches, IReadOnlyList<NumericDimension> dimensions, bool substitutesVariables)
    {
        Statement = statement;
        this.substitutesVariables = substitutesVariables;
        Principal = principal;
        this.actionMatches = actionMatches;
        Coupled = substitutesVariables && UsesDimensionVariable(statement);
        var unitCost = 1L + statement.Conditions.Count + (statement.Resource?.Patterns.Count ?? 0);
        foreach (var clause in statement.Conditions)
        {
            unitCost += clause.Values.Count;
            var dimension = Testing(dimensions, clause.Key);
            if (dimension is null)
            {
                undimensioned.Add(clause);
                continue;
            }

            if (ReferenceEquals(byDimension, NoDimensions))
            {
                byDimension = [];
            }

            if (!byDimension.TryGetValue(dimension.Kind, out var entry))
            {
                byDimension[dimension.Kind] = entry = (dimension, []);
            }

            entry.Clauses.Add(clause);
        }

        UnitCost = unitCost;
    }

    /// <summary>
    /// The profile of <paramref name="statement"/>, or null when it can apply to no request of the shapes whose
    /// actions are <paramref name="actions"/> (distinct, ignoring case): its Principal/NotPrincipal does not cover
    /// <paramref name="principal"/>, or its Action/NotAction covers none of them. Those statements cost nothing
    /// further, so only the principal and the actions are looked at for them.
    /// </summary>
    public static StatementProfile? For(
        Statement statement, RequestPrincipal principal, IReadOnlyList<string> actions, IReadOnlyList<NumericDimension> dimensions, bool substitutesVariables)
    {
        var principalMatch = PrincipalMatcher.Applies(statement.Principal, principal);
        if (principalMatch == Tri.False)
        {
            return null;
        }

        var matches = new (string Action, Tri Match)[actions.Count];
        var any = false;
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = (actions[i], StatementEvaluator.MatchAction(statement.Action, actions[i]));
            any |= matches[i].Match != Tri.False;
        }

        return any ? new StatementProfile(statement, principalMatch, matches, dimensions, substitutesVariables) : null;
    }

    /// <summary>Whether policy variables are substituted in the statement (its policy's version is 2012-10-17).</summary>
    public bool SubstitutesVariables => substitutesVariables;

    /// <summary>The statement.</summary>
    public Statement Statement { get; }

    /// <summary>Whether its Principal/NotPrincipal covers the requester.</summary>
    public Tri Principal { get; }

    /// <summary>
    /// True when a policy variable names a dimension's key (<c>${aws:CurrentTime}</c>...), so its parts no longer vary
    /// independently and the statement must be decided on the joint points.
    /// </summary>
    public bool Coupled { get; }

    /// <summary>What evaluating the statement once costs, in budget units.</summary>
    public long UnitCost { get; }

    /// <summary>The statement's clauses on <paramref name="dimension"/>, or null when it does not test it.</summary>
    public DimensionGroup? Group(DimensionKind dimension)
    {
        // Built on first use: most statements of a large policy never get this far (other principals, actions).
        if (!byDimension.TryGetValue(dimension, out var entry))
        {
            return null;
        }

        groups ??= [];
        if (!groups.TryGetValue(dimension, out var group))
        {
            groups[dimension] = group = new DimensionGroup(entry.Dimension, entry.Clauses, substitutesVariables);
        }

        return group;
    }

    /// <summary>Whether its Action/NotAction covers <paramref name="action"/> (cached: shapes share a few actions).</summary>
    public Tri Action(string action)
    {
        foreach (var (known, match) in actionMatches)
        {
            if (known.Equals(action, StringComparison.OrdinalIgnoreCase))
            {
                return match;
            }
        }

        var found = StatementEvaluator.MatchAction(Statement.Action, action);
        actionMatches = [.. actionMatches, (action, found)];
        return found;
    }

    /// <summary>Whether the statement can apply to some request of the shape (principal and action only; cheap).</summary>
    public bool MayApply(RequestShape shape) => Principal != Tri.False && Action(shape.Action) != Tri.False;

    /// <summary>
    /// The clauses that do not vary within <paramref name="shape"/>, decided on its fixed context; exhausted when a
    /// range the shape takes one unknown value of could not be checked within the budget (the value is then unknown).
    /// </summary>
    public (Tri Value, bool Exhausted) FixedClauses(RequestShape shape, WorkBudget budget)
    {
        var result = AllHold(undimensioned, shape.Context);
        var exhausted = false;
        foreach (var (kind, entry) in byDimension)
        {
            if (result == Tri.False || shape.Dimensions.Any(d => d.Kind == kind))
            {
                continue;
            }

            // A range the shape does not vary is a fixed key there (a listing has no signature age, or one unknown).
            var here = AllHold(entry.Clauses, shape.Context);
            if (shape.UnknownDimensions.Any(d => d.Kind == kind))
            {
                var reach = Group(kind)!.Range(shape.Context, budget);
                exhausted |= reach is null;
                here = reach is not null && reach.Min == reach.Max && reach.Max == here ? here : Tri.Unknown;
            }

            result = result.And(here);
        }

        return (result, exhausted);
    }

    /// <summary>The clauses that do not vary within <paramref name="shape"/>, decided plainly on <paramref name="context"/> (one world of it).</summary>
    public Tri FixedClausesAt(RequestShape shape, RequestContext context) =>
        AllHold(undimensioned.Concat(byDimension.Where(e => !shape.Dimensions.Any(d => d.Kind == e.Key)).SelectMany(e => e.Value.Clauses)), context);

    /// <summary>Whether the statement's Resource covers <paramref name="request"/>'s resource.</summary>
    public Tri Resource(AccessRequest request) => StatementEvaluator.MatchResource(Statement.Resource, request, substitutesVariables);

    /// <summary>The conjunction of <paramref name="clauses"/> on <paramref name="context"/>, stopping at the first false one.</summary>
    private Tri AllHold(IEnumerable<ConditionClause> clauses, RequestContext context)
    {
        var result = Tri.True;
        foreach (var clause in clauses)
        {
            result = result.And(ConditionEvaluator.Evaluate(clause, context, substitutesVariables).Value);
            if (result == Tri.False)
            {
                break;
            }
        }

        return result;
    }

    // The dimension whose key the clause tests, if any.
    private static NumericDimension? Testing(IReadOnlyList<NumericDimension> dimensions, string key)
    {
        foreach (var dimension in dimensions)
        {
            if (dimension.Tests(key))
            {
                return dimension;
            }
        }

        return null;
    }

    private static bool UsesDimensionVariable(Statement statement)
    {
        foreach (var clause in statement.Conditions)
        {
            if (AnyNamesDimension(clause.Values))
            {
                return true;
            }
        }

        return statement.Resource is { } resource && AnyNamesDimension(resource.Patterns);
    }

    private static bool AnyNamesDimension(IReadOnlyList<string> texts)
    {
        foreach (var text in texts)
        {
            if (text.Contains("${", StringComparison.Ordinal) && NamesDimension(text))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesDimension(string text)
    {
        foreach (var key in DimensionKeyNames)
        {
            if (text.Contains(key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
