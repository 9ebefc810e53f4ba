using Guardrail.Core.Families;

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
    private readonly Dictionary<string, List<int>> byHead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> byHeadSpan;
    private readonly string[] heads;

    public ObjectStatementIndex(IReadOnlyList<PolicyStatement> statements)
    {
        this.statements = statements;
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].Statement.Resource is not { Negated: false } resource)
            {
                always.Add(i);
                continue;
            }

            foreach (var head in resource.Patterns.Select(Head).Distinct(StringComparer.Ordinal))
            {
                if (!byHead.TryGetValue(head, out var list))
                {
                    byHead[head] = list = [];
                }

                list.Add(i);
            }
        }

        byHeadSpan = byHead.GetAlternateLookup<ReadOnlySpan<char>>();
        heads = [.. byHead.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The statements that may apply to an object whose ARN starts with <paramref name="familyPrefix"/>, in the
    /// set's order; null when <paramref name="budget"/> cannot pay for gathering them (one unit each).
    /// </summary>
    public IReadOnlyList<PolicyStatement>? For(string familyPrefix, WorkBudget budget)
    {
        var matched = new List<int>();
        for (var length = 0; length <= familyPrefix.Length; length++)
        {
            if (byHeadSpan.TryGetValue(familyPrefix.AsSpan(0, length), out var list))
            {
                matched.AddRange(list);
            }
        }

        var from = Array.BinarySearch(heads, familyPrefix, StringComparer.Ordinal);
        for (var i = from < 0 ? ~from : from + 1; i < heads.Length && heads[i].StartsWith(familyPrefix, StringComparison.Ordinal); i++)
        {
            matched.AddRange(byHead[heads[i]]);
        }

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

    private static string Head(string pattern)
    {
        var end = pattern.AsSpan().IndexOfAny('*', '?');
        var variable = pattern.IndexOf("${", StringComparison.Ordinal);
        if (variable >= 0 && (end < 0 || variable < end))
        {
            end = variable;
        }

        return end < 0 ? pattern : pattern[..end];
    }
}
