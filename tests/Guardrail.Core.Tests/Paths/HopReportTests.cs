using Guardrail.Core.Evaluation;
using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Judging;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// A hop reports at most the cap of its findings and counts the rest; what it keeps is paid for out of the path's
/// work budget and built only then; what it leaves out never changes its status or the security verdict.
/// </summary>
public sealed class HopReportTests
{
    [Fact]
    public void A_hop_reports_exactly_the_cap_in_the_order_found_and_counts_the_rest()
    {
        var hop = new HopBuilder(HopKind.Identity);
        var built = 0;
        for (var i = 0; i < 250; i++)
        {
            var n = i;
            hop.Add("policy", new PendingFinding(RuleIds.IdentityDenies, Severity.Medium, FindingKind.Access, $"S{n}", () => { built++; return $"S{n} may deny"; }, null));
        }

        var result = hop.Build(new WorkBudget(), cap: 100);

        Assert.Equal(100, result.Findings.Count);
        Assert.Equal(150, result.FindingsOmitted);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"S{i}"), result.Findings.Select(f => f.Finding.Statement));
        Assert.Equal("S7 may deny", result.Findings[7].Finding.Message);
        Assert.Equal(100, built);
    }

    [Fact]
    public void Budget_findings_come_first_then_the_most_severe_reported_in_the_order_found()
    {
        var hop = new HopBuilder(HopKind.Bucket);
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.Low, "Low1"));
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.High, "High1"));
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.Low, "Low2"));
        hop.Add("policy", Finding(RuleIds.EvaluationBudget, Severity.Medium, "Budget"));
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.Critical, "Critical"));
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.High, "High2"));

        var result = hop.Build(new WorkBudget(), cap: 3);

        Assert.Equal(["High1", "Budget", "Critical"], result.Findings.Select(f => f.Finding.Statement));
        Assert.Equal(3, result.FindingsOmitted);
    }

    [Fact]
    public void A_hop_under_the_cap_reports_everything_as_before()
    {
        var hop = new HopBuilder(HopKind.Key);
        hop.Judged(Tri.Unknown);
        hop.Add("key", Finding(RuleIds.KeyPolicyDenies, Severity.Medium, "A"));
        hop.Add("key", Finding(RuleIds.KeyPolicyDenies, Severity.High, "A"));
        hop.Gap("rcp", "the organization's resource control policies");

        var result = hop.Build(new WorkBudget(), cap: 100);

        Assert.Equal(HopStatus.AtRisk, result.Status);
        Assert.Equal([("A", Severity.High), ("(input)", Severity.Info)], result.Findings.Select(f => (f.Finding.Statement, f.Finding.Severity)));
        Assert.Equal(0, result.FindingsOmitted);
    }

    [Fact]
    public void Each_reported_finding_is_paid_for_out_of_the_budget()
    {
        var hop = new HopBuilder(HopKind.Identity);
        for (var i = 0; i < 30; i++)
        {
            hop.Add("policy", Finding(RuleIds.IdentityDenies, Severity.Medium, $"S{i}"));
        }

        var budget = new WorkBudget(linearUnits: 1_000_000);
        hop.Build(budget, cap: 20);

        Assert.Equal(1_000_000 - (20 * FindingReport.UnitsPerFinding), budget.LinearRemaining);
    }

    [Fact]
    public void A_budget_that_cannot_pay_for_the_report_puts_an_ok_hop_at_risk_with_an_evaluation_budget_finding()
    {
        var hop = new HopBuilder(HopKind.Trust);
        for (var i = 0; i < 50; i++)
        {
            hop.Add("policy", Finding(RuleIds.TrustExtraPrincipal, Severity.Info, $"S{i}", FindingKind.Security));
        }

        var budget = new WorkBudget(linearUnits: 10 * FindingReport.UnitsPerFinding);
        var result = hop.Build(budget, cap: 100);

        Assert.Equal(HopStatus.AtRisk, result.Status);
        Assert.Equal(11, result.Findings.Count);
        Assert.Equal(40, result.FindingsOmitted);
        var last = result.Findings[^1].Finding;
        Assert.Equal((RuleIds.EvaluationBudget, Severity.Medium, FindingKind.Access), (last.Rule, last.Severity, last.Kind));
        Assert.Contains("40 left out", last.Message, StringComparison.Ordinal);
        Assert.Equal(0, budget.LinearRemaining);
    }

    [Fact]
    public void A_budget_that_cannot_pay_for_the_report_leaves_a_break_a_break()
    {
        var hop = new HopBuilder(HopKind.Identity);
        hop.Add("policy", "identity-missing-grant", Tri.False, "(policy)", "no statement allows s3:GetObject");
        hop.Judged(Tri.False);

        var result = hop.Build(new WorkBudget(0, 0), cap: 100);

        Assert.Equal(HopStatus.Breaks, result.Status);
        Assert.Equal(1, result.FindingsOmitted);
        Assert.Equal(RuleIds.EvaluationBudget, Assert.Single(result.Findings).Finding.Rule);
    }

    [Fact]
    public void A_security_finding_left_out_still_weakens_security()
    {
        var hop = new HopBuilder(HopKind.Bucket);
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.High, "A"));
        hop.Add("policy", Finding(RuleIds.PublicGrant, Severity.Low, "Public", FindingKind.Security));
        hop.Add("policy", Finding(RuleIds.PolicySizeLimit, Severity.Info, "Size", FindingKind.Security));

        var capped = hop.Build(new WorkBudget(), cap: 1);

        Assert.Equal("A", Assert.Single(capped.Findings).Finding.Statement);
        Assert.True(capped.OmittedWeakensSecurity);
        Assert.True(capped.WeakensSecurity);
    }

    [Fact]
    public void An_info_security_finding_left_out_does_not_weaken_security()
    {
        var hop = new HopBuilder(HopKind.Bucket);
        hop.Add("policy", Finding(RuleIds.PrincipalDenied, Severity.High, "A"));
        hop.Add("policy", Finding(RuleIds.PolicySizeLimit, Severity.Info, "Size", FindingKind.Security));

        var capped = hop.Build(new WorkBudget(), cap: 1);

        Assert.Equal(1, capped.FindingsOmitted);
        Assert.False(capped.WeakensSecurity);
    }

    private static Finding Finding(string rule, Severity severity, string statement, FindingKind kind = FindingKind.Access) =>
        new(rule, severity, kind, statement, $"{statement}: {rule}", "fix");
}
