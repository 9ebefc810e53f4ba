using Guardrail.Core.Evaluation;
using Guardrail.Core.Policies;

namespace Guardrail.Core.Conditions;

/// <summary>Words for a clause outcome: the test, whether it held, and what Spectrum's request carried.</summary>
internal static class ClauseExplanation
{
    public static string Explain(ConditionClause clause, ContextValue value, Tri result, string? why)
    {
        var test = $"{clause.Operator.Name} {clause.Key} {Quote(clause.Values)}";
        var verdict = result switch
        {
            Tri.True => "holds",
            Tri.False => "does not hold",
            _ => "cannot be decided",
        };
        var known = value switch
        {
            AbsentValue => $"{clause.Key} is absent from Spectrum's request",
            KnownValue k when k.Values.Count == 0 => $"{clause.Key} is empty",
            KnownValue k => $"{clause.Key} is {Quote(k.Values)}",
            OpaqueValue o => $"{clause.Key} is unknown: {o.Why}",
            ShapedValue s => $"{clause.Key} is known only by its form {s.Shape}: {s.Why}",
            CandidateValues c => $"{clause.Key} is uncertain: {c.Why}",
            _ => string.Empty,
        };
        var reason = result == Tri.Unknown && why is not null && value is KnownValue ? $"; {why}" : string.Empty;
        return $"{test} {verdict} ({known}{reason})";
    }

    private static string Quote(IReadOnlyList<string> values) =>
        values.Count == 1 ? $"\"{values[0]}\"" : "[" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "]";
}
