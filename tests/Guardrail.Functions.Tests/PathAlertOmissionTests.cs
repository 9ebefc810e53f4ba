using System.Text.Json.Nodes;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Functions.Alerts;
using Guardrail.Functions.Processing;
using Guardrail.Functions.Tests.Fakes;

namespace Guardrail.Functions.Tests;

/// <summary>A path alert says how many findings its hops left out of the report, in the JSON and the email.</summary>
public sealed class PathAlertOmissionTests
{
    [Fact]
    public void The_findings_a_path_left_out_are_counted_in_its_alert()
    {
        var h = new ProcessorHarness();
        var finding = new Finding("identity-deny", Severity.High, FindingKind.Access, "D1", "a deny may apply", "remove it");
        var hops = new[] { new HopResult(HopKind.Identity, HopStatus.AtRisk, [new PathFinding(HopKind.Identity, "role/spectrum inline policy big", finding)]) { FindingsOmitted = 19_999 } };
        var judgement = new Judgement("{}", null, "hash", new Verdict(AccessVerdict.AtRisk, SecurityVerdict.Ok, [finding], 1)) { PathLine = "identity at-risk", Hops = hops };

        var alert = AlertComposer.Compose(new AlertContext(ProcessorHarness.Topic, h.Kind, null, judgement, Outcome.Alerted, OutcomeReason.None, null, [], null, false));

        Assert.Equal(19_999, JsonNode.Parse(alert.Default)!["findingsOmitted"]!.GetValue<int>());
        Assert.Contains("and 19,999 more findings on the path", alert.Email, StringComparison.Ordinal);
    }
}
