using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Paths.Judging;

/// <summary>
/// Statements drawn from one or more named documents and judged as one policy (AWS evaluates a role's inline and
/// managed policies, or the SCPs of one level, that way). Statements are relabelled "<c>Sid of document</c>" so
/// findings stay unambiguous when sets are joined; <see cref="Locate"/> maps a label back.
/// </summary>
internal sealed class PolicySet
{
    private readonly Dictionary<string, (string Document, string Statement)> origins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<PolicyStatement>> byAction = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ObjectStatementIndex> objectsByAction = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<Statement, bool>? substitution;

    private PolicySet(string name, List<PolicyStatement> statements)
    {
        Name = name;
        Statements = statements;
    }

    /// <summary>How findings name the set as a whole (for "no statement allows").</summary>
    public string Name { get; }

    /// <summary>The statements, each with its own document's variable substitution.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>A set of the documents' statements that <paramref name="keep"/> selects (all by default).</summary>
    public static PolicySet Of(string name, IReadOnlyList<NamedPolicy> documents, Func<Statement, bool>? keep = null)
    {
        var statements = new List<PolicyStatement>();
        var set = new PolicySet(name, statements);
        foreach (var document in documents)
        {
            var substitutes = document.Document.SubstitutesVariables;
            foreach (var statement in document.Document.Statements)
            {
                if (keep is not null && !keep(statement))
                {
                    continue;
                }

                var labelled = statement with { Sid = $"{statement.Label} of {document.Name}" };
                set.origins.TryAdd(labelled.Label, (document.Name, statement.Label));
                statements.Add(new PolicyStatement(labelled, substitutes));
            }
        }

        return set;
    }

    /// <summary>A set of one document.</summary>
    public static PolicySet Of(NamedPolicy document, Func<Statement, bool>? keep = null) => Of(document.Name, [document], keep);

    /// <summary>The union of two sets (both sets' statements, labels kept).</summary>
    public PolicySet With(PolicySet other, string name)
    {
        var union = new PolicySet(name, [.. Statements, .. other.Statements]);
        foreach (var (label, origin) in origins.Concat(other.origins))
        {
            union.origins.TryAdd(label, origin);
        }

        return union;
    }

    /// <summary>
    /// The statements whose Action/NotAction may cover <paramref name="action"/>; <paramref name="sorted"/> says
    /// whether the set was sorted for that action by this call. The evaluator sets the others aside itself, but only
    /// after preparing each one for the shape: a set judged over many shapes of a few actions (a role's policies over
    /// every request of the path) sorts its statements once per action instead.
    /// </summary>
    public IReadOnlyList<PolicyStatement> ForAction(string action, out bool sorted)
    {
        sorted = !byAction.TryGetValue(action, out var kept);
        if (sorted)
        {
            byAction[action] = kept = [.. Statements.Where(s => StatementEvaluator.MatchAction(s.Statement.Action, action) != Tri.False)];
        }

        return kept!;
    }

    /// <summary>
    /// The statements of <see cref="ForAction"/> that may apply to a resource whose ARN starts with
    /// <paramref name="familyPrefix"/> (<see cref="ObjectStatementIndex"/>): a set judged at many table locations,
    /// buckets or tables tries only the statements that may name each. Indexing the action's statements and gathering are paid from <paramref name="budget"/>; null
    /// when it cannot pay.
    /// </summary>
    public IReadOnlyList<PolicyStatement>? ForObjects(string action, string familyPrefix, WorkBudget budget)
    {
        if (!objectsByAction.TryGetValue(action, out var index))
        {
            var statements = ForAction(action, out _);
            if (!budget.TrySpendLinear(statements.Count))
            {
                return null;
            }

            objectsByAction[action] = index = new ObjectStatementIndex(statements);
        }

        return index.For(familyPrefix, budget);
    }

    /// <summary>Whether <paramref name="statement"/> (one of the set's) substitutes policy variables.</summary>
    public bool Substitutes(Statement statement)
    {
        // Asked once per deny found, so indexed: a hostile set of many matching denies must not cost statements².
        if (substitution is null)
        {
            substitution = new Dictionary<Statement, bool>(ReferenceEqualityComparer.Instance);
            foreach (var (each, substitutes) in Statements)
            {
                substitution.TryAdd(each, substitutes);
            }
        }

        return substitution.GetValueOrDefault(statement);
    }

    /// <summary>The document and the statement's own label for a finding's statement label (the set itself for <c>(policy)</c>).</summary>
    public (string Document, string Statement) Locate(string label) =>
        origins.TryGetValue(label, out var origin) ? origin : (Name, label);
}
