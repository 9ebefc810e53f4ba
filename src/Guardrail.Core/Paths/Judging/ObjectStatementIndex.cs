using Guardrail.Core.Families;
using Guardrail.Core.Paths.Locations;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// The statements of one action that may apply to some object under a table location, found by the literal head of
/// their Resource patterns (up to the first wildcard or variable) instead of trying each: ARN patterns match case
/// and parts exactly up to their first wildcard, so a pattern can match an ARN under <c>F</c> only if its head
/// starts with <c>F</c> or <c>F</c> starts with its head. Statements without Resource, with NotResource or with a
/// variable before any wildcard are always kept. A filter only: the evaluator decides what it keeps.
/// </summary>
internal sealed class ObjectStatementIndex
{
    private readonly IReadOnlyList<PolicyStatement> statements;
    private readonly List<int> always = [];
    private readonly HeadIndex byHead;

    public ObjectStatementIndex(IReadOnlyList<PolicyStatement> statements)
    {
        this.statements = statements;
        var heads = new List<(int, string)>();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].Statement.Resource is not { Negated: false } resource)
            {
                always.Add(i);
                continue;
            }

            heads.AddRange(resource.Patterns.Select(HeadIndex.LiteralHead).Distinct(StringComparer.Ordinal).Select(head => (i, head)));
        }

        byHead = new HeadIndex(heads);
    }

    /// <summary>
    /// The statements that may apply to a resource whose ARN starts with <paramref name="familyPrefix"/>, in the
    /// set's order; null when <paramref name="budget"/> cannot pay for gathering them (one unit each).
    /// </summary>
    public IReadOnlyList<PolicyStatement>? For(string familyPrefix, WorkBudget budget)
    {
        var matched = new List<int>();
        byHead.Find(familyPrefix, matched);
        if (!budget.TrySpendLinear(always.Count + matched.Count))
        {
            return null;
        }

        matched.AddRange(always);
        matched.Sort();
        var kept = new List<PolicyStatement>(matched.Count);
        for (var i = 0; i < matched.Count; i++)
        {
            if (i == 0 || matched[i] != matched[i - 1])
            {
                kept.Add(statements[matched[i]]);
            }
        }

        return kept;
    }
}
