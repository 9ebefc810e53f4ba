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
    private (string Action, Tri Match)[] actionMatches = [];
    private Dictionary<DimensionKind, (NumericDimension Dimension, List<ConditionClause> Clauses)> byDimension = NoDimensions;
    private Dictionary<DimensionKind, DimensionGroup>? groups;

    public StatementProfile(Statement statement, RequestPrincipal principal, IReadOnlyList<NumericDimension> dimensions, bool substitutesVariables)
    {
        Statement = statement;
        this.substitutesVariables = substitutesVariables;
        Principal = PrincipalMatcher.Applies(statement.Principal, principal);
        Coupled = substitutesVariables && UsesDimensionVariable(statement);
        UnitCost = 1 + statement.Conditions.Count + statement.Conditions.Sum(c => (long)c.Values.Count) + (statement.Resource?.Patterns.Count ?? 0);
        foreach (var clause in statement.Conditions)
        {
            var dimension = dimensions.FirstOrDefault(d => d.Tests(clause.Key));
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

    private static bool UsesDimensionVariable(Statement statement)
    {
        static bool Names(string text) =>
            text.Contains("${", StringComparison.Ordinal) && DimensionKeyNames.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));

        return statement.Conditions.Any(c => c.Values.Any(Names)) || (statement.Resource?.Patterns.Any(Names) ?? false);
    }
}
