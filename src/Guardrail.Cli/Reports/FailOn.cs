using Guardrail.Core.Findings;
using Guardrail.Core.Text;

namespace Guardrail.Cli.Reports;

/// <summary>
/// <c>--fail-on</c>: which outcomes fail the check. The exit code is that of the worst listed outcome that happened
/// (in <see cref="CountedOutcome"/>): <c>breaks</c> 1, then <c>at-risk</c> 3, then <c>weakened</c> 6; an outcome
/// not listed is still reported, and exits 0. Each outcome is matched as it is: <c>at-risk</c> does not fire on a
/// path that breaks.
/// </summary>
public sealed record FailOn(bool Breaks, bool AtRisk, bool Weakened)
{
    /// <summary>The outcome names, in the order of their exit codes.</summary>
    public static readonly IReadOnlyList<string> Names = ["breaks", "at-risk", "weakened"];

    /// <summary>What the checks did before <c>--fail-on</c>: <c>breaks,at-risk</c>.</summary>
    public static FailOn Default { get; } = new(Breaks: true, AtRisk: true, Weakened: false);

    /// <summary>Reads the option's values: each a comma list of outcomes, or <c>none</c>.</summary>
    /// <exception cref="UsageException">An unknown outcome.</exception>
    public static FailOn Parse(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (value != "none" && !Names.Contains(value))
            {
                throw new UsageException($"--fail-on: unknown outcome {SafeText.Quote(value)} (expected a comma list of {string.Join(", ", Names)}, or none)");
            }

            listed.Add(value);
        }

        return new FailOn(listed.Contains("breaks"), listed.Contains("at-risk"), listed.Contains("weakened"));
    }

    /// <summary>The exit code for <paramref name="outcome"/>.</summary>
    public int ExitCode(CountedOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return true switch
        {
            _ when Breaks && outcome.Access == AccessVerdict.Breaks => ExitCodes.Breaks,
            _ when AtRisk && outcome.Access == AccessVerdict.AtRisk => ExitCodes.AtRisk,
            _ when Weakened && outcome.Security == SecurityVerdict.Weakened => ExitCodes.Weakened,
            _ => ExitCodes.Ok,
        };
    }

    /// <summary>Whether a finding of <paramref name="kind"/> fails the check under <paramref name="outcome"/> (JUnit's failures).</summary>
    public bool Fails(FindingKind kind, Severity severity, CountedOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return kind == FindingKind.Access
            ? (Breaks && outcome.Access == AccessVerdict.Breaks) || (AtRisk && outcome.Access == AccessVerdict.AtRisk)
            : Weakened && severity > Severity.Info;
    }
}
