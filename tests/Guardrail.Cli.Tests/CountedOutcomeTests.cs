using Guardrail.Cli.Reports;
using Guardrail.Core.Findings;
using Guardrail.Core.Findings.Exceptions;
using Guardrail.Core.Paths;

namespace Guardrail.Cli.Tests;

/// <summary>What --fail-on counts when exceptions accept some of the findings that made a verdict.</summary>
public sealed class CountedOutcomeTests
{
    private static readonly FindingException Accepted = new("r", "x", null, "why", new DateOnly(2027, 1, 1));

    private static ReportedFinding On(string hop, FindingKind kind, Severity severity, bool excepted) =>
        new(new Finding("r", severity, kind, "S", "m", "f"), hop, "doc", null, excepted ? Accepted : null);

    private static CheckReport Path(AccessVerdict access, SecurityVerdict security, ReportedHop[] hops, params ReportedFinding[] findings) =>
        new("path", "s", access, security, findings) { Hops = hops };

    [Fact]
    public void A_hop_whose_every_access_finding_is_excepted_counts_as_ok_and_the_path_as_its_worst_other_hop()
    {
        var report = Path(AccessVerdict.Breaks, SecurityVerdict.Ok,
            [new(HopKind.Identity, HopStatus.Breaks, 0, false), new(HopKind.Key, HopStatus.AtRisk, 0, false)],
            On("identity", FindingKind.Access, Severity.High, excepted: true),
            On("identity", FindingKind.Access, Severity.Info, excepted: false),
            On("key", FindingKind.Access, Severity.Medium, excepted: false));

        Assert.Equal(new CountedOutcome(AccessVerdict.AtRisk, SecurityVerdict.Ok), CountedOutcome.Of(report));
        Assert.Equal(ExitCodes.AtRisk, FailOn.Default.ExitCode(CountedOutcome.Of(report)));
    }

    [Fact]
    public void A_capped_hop_never_counts_as_ok_and_a_partly_excepted_hop_keeps_its_status()
    {
        var capped = Path(AccessVerdict.Breaks, SecurityVerdict.Ok, [new(HopKind.Identity, HopStatus.Breaks, 5, false)], On("identity", FindingKind.Access, Severity.High, excepted: true));
        var partly = Path(AccessVerdict.Breaks, SecurityVerdict.Ok, [new(HopKind.Bucket, HopStatus.Breaks, 0, false)],
            On("bucket", FindingKind.Access, Severity.High, excepted: true), On("bucket", FindingKind.Access, Severity.Low, excepted: false));

        Assert.Equal(AccessVerdict.Breaks, CountedOutcome.Of(capped).Access);
        Assert.Equal(AccessVerdict.Breaks, CountedOutcome.Of(partly).Access);
    }

    [Fact]
    public void Security_counts_active_findings_above_info_and_what_a_hop_left_out()
    {
        var excepted = Path(AccessVerdict.Ok, SecurityVerdict.Weakened, [new(HopKind.Trust, HopStatus.Ok, 0, false)], On("trust", FindingKind.Security, Severity.Critical, excepted: true), On("trust", FindingKind.Security, Severity.Info, excepted: false));
        var leftOut = excepted with { Hops = [new(HopKind.Trust, HopStatus.Ok, 3, OmittedWeakensSecurity: true)] };

        Assert.Equal(SecurityVerdict.Ok, CountedOutcome.Of(excepted).Security);
        Assert.Equal(SecurityVerdict.Weakened, CountedOutcome.Of(leftOut).Security);
        Assert.Equal(ExitCodes.Weakened, FailOn.Parse(["weakened"]).ExitCode(CountedOutcome.Of(leftOut)));
        Assert.Equal(ExitCodes.Ok, FailOn.Parse(["breaks,at-risk"]).ExitCode(CountedOutcome.Of(leftOut)));
    }

    [Fact]
    public void A_document_with_no_access_finding_to_except_keeps_its_verdict()
    {
        var report = new CheckReport("bucket-policy", "s", AccessVerdict.AtRisk, SecurityVerdict.Ok, [new(new Finding("r", Severity.Info, FindingKind.Access, "S", "m", "f"), null, null, null, Accepted)]);

        Assert.Equal(AccessVerdict.AtRisk, CountedOutcome.Of(report).Access);
    }
}
