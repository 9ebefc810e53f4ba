using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Spectrum;

/// <summary>One-line explanations of why a statement applied, built from the clause outcomes.</summary>
internal static class FindingText
{
    public static string Denies(StatementOutcome outcome, AccessRequest request)
    {
        var label = outcome.Statement.Label;
        if (outcome.Applies == Tri.Unknown)
        {
            return $"{label} may deny {request.Description}: {Undecided(outcome)}";
        }

        return outcome.Clauses.Count == 0
            ? $"{label} denies, with no condition, {request.Description}{Scope(outcome)}"
            : $"{label} denies {request.Description}: {string.Join("; ", outcome.Clauses.Select(c => c.Explanation))}";
    }

    public static string OverBudget(Statement statement, RequestShape shape) =>
        $"{statement.Label} could not be decided for {shape.Summary} within the evaluation budget, so it may deny Spectrum's requests.";

    public static string DeniesWith(StatementOutcome outcome, string others, AccessRequest request) =>
        $"{outcome.Statement.Label}, with {others}, denies {request.Description} whatever the undocumented value: {Undecided(outcome)}";

    public static string AllowsOnlyIf(StatementOutcome outcome, AccessRequest request) =>
        $"{outcome.Statement.Label} allows {request.Description} only if an unknown fact holds: {Undecided(outcome)}";

    private static string Undecided(StatementOutcome outcome)
    {
        var reasons = outcome.UndecidedClauses.Select(c => c.Explanation).ToList();
        if (outcome.Resource == Tri.Unknown)
        {
            reasons.Insert(0, "its Resource covers only some of the objects Spectrum may read, and which ones Spectrum reads (the table locations) was not supplied");
        }

        if (outcome.Principal == Tri.Unknown)
        {
            reasons.Insert(0, "its principal names a role session whose name Redshift chooses");
        }

        return string.Join("; ", reasons);
    }

    private static string Scope(StatementOutcome outcome) =>
        outcome.Statement.Principal is { Negated: true } ? " (NotPrincipal does not exempt the role's sessions: it must list the account, the role and the session)" : string.Empty;
}
