using Guardrail.Core.Parsing;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Changes;

/// <summary>How a statement changed between two versions of a policy.</summary>
public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One statement-level change; the JSON is the statement's canonical form before and after.</summary>
public sealed record StatementChange(ChangeKind Kind, string Statement, string? Before, string? After);

/// <summary>
/// Statement-level differences between a known-good policy and a new one: statements with the same Sid are compared,
/// statements without a Sid are matched by identical content.
/// </summary>
public static class StatementDiff
{
    public static IReadOnlyList<StatementChange> Compare(PolicyDocument? before, PolicyDocument? after)
    {
        var old = (before?.Statements ?? []).Select(s => (s, Json: PolicySerializer.StatementToJson(s with { Index = 0 }))).ToList();
        var now = (after?.Statements ?? []).Select(s => (s, Json: PolicySerializer.StatementToJson(s with { Index = 0 }))).ToList();
        var changes = new List<StatementChange>();

        foreach (var (statement, json) in now)
        {
            var match = statement.Sid is { Length: > 0 } sid
                ? old.FindIndex(o => o.s.Sid == sid)
                : old.FindIndex(o => string.IsNullOrEmpty(o.s.Sid) && o.Json == json);
            if (match < 0)
            {
                changes.Add(new StatementChange(ChangeKind.Added, statement.Label, null, json));
                continue;
            }

            if (old[match].Json != json)
            {
                changes.Add(new StatementChange(ChangeKind.Changed, statement.Label, old[match].Json, json));
            }

            old.RemoveAt(match);
        }

        changes.AddRange(old.Select(o => new StatementChange(ChangeKind.Removed, o.s.Label, o.Json, null)));
        return changes;
    }
}
