using Guardrail.Core.Paths;

namespace Guardrail.Cli.Reports;

/// <summary>One hop of <c>check path</c>'s report; its findings are the report's findings whose <c>Hop</c> is its name.</summary>
/// <param name="Hop">Which hop.</param>
/// <param name="Status">Its status as judged.</param>
/// <param name="FindingsOmitted">Findings its capped report left out (the status counts them).</param>
/// <param name="OmittedWeakensSecurity">Whether one left out is a security finding above info.</param>
public sealed record ReportedHop(HopKind Hop, HopStatus Status, int FindingsOmitted, bool OmittedWeakensSecurity)
{
    public string Name => Hop.ToText();

    /// <summary><c>check change</c>: the hop's status on the live path, before the change; null for the other checks.</summary>
    public HopStatus? Before { get; init; }
}
