using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Judging;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Testing.Paths;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// A snapshot of many conditional denies (<see cref="DenyHeavySnapshot"/>): the path reports the cap of findings on
/// its identity hop and counts the rest, decides exactly as without the cap, and pays for its report out of its budget.
/// </summary>
public sealed class PathReportTests
{
    private const int Denies = 300;
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly PathSnapshot Snapshot = SnapshotReader.Read(DenyHeavySnapshot.Json(Denies));

    [Theory]
    [InlineData(false, HopKind.Identity)]
    [InlineData(true, HopKind.Bucket)]
    public void The_hop_of_the_denies_reports_the_cap_and_counts_every_other_finding(bool inBucketPolicy, HopKind hop)
    {
        var snapshot = SnapshotReader.Read(DenyHeavySnapshot.Json(Denies, inBucketPolicy));
        var uncapped = PathEvaluator.Evaluate(snapshot, Now, findingsPerHop: int.MaxValue);
        var capped = PathEvaluator.Evaluate(snapshot, Now);

        var all = uncapped.Hops.Single(h => h.Hop == hop);
        var reported = capped.Hops.Single(h => h.Hop == hop);
        Assert.True(all.Findings.Count > Denies, $"{all.Findings.Count} findings");
        Assert.Equal(0, all.FindingsOmitted);
        Assert.Equal(PathEvaluator.DefaultFindingsPerHop, reported.Findings.Count);
        Assert.Equal(all.Findings.Count - PathEvaluator.DefaultFindingsPerHop, reported.FindingsOmitted);
        Assert.Equal(reported.FindingsOmitted, capped.FindingsOmitted);
        Assert.Subset(all.Findings.ToHashSet(), reported.Findings.ToHashSet());
        Assert.Equal(uncapped.Line, capped.Line);
    }

    [Fact]
    public void The_cap_cuts_the_report_never_the_verdict()
    {
        var uncapped = PathEvaluator.Evaluate(Snapshot, Now, findingsPerHop: int.MaxValue);
        var capped = PathEvaluator.Evaluate(Snapshot, Now, findingsPerHop: 1);

        Assert.Equal(AccessVerdict.AtRisk, capped.Access);
        Assert.Equal((uncapped.Access, uncapped.Security, uncapped.Line, uncapped.RequestsEvaluated), (capped.Access, capped.Security, capped.Line, capped.RequestsEvaluated));
        Assert.All(capped.Hops, h => Assert.True(h.Findings.Count <= 1, $"{h.Hop}: {h.Findings.Count}"));
    }

    [Fact]
    public void Each_reported_finding_is_paid_for_out_of_the_path_budget()
    {
        var silent = new WorkBudget(PathEvaluator.DefaultBudgetUnits);
        var reporting = new WorkBudget(PathEvaluator.DefaultBudgetUnits);

        PathEvaluator.Evaluate(Snapshot, Now, silent, findingsPerHop: 0);
        var verdict = PathEvaluator.Evaluate(Snapshot, Now, reporting);

        Assert.Equal(verdict.Findings.Count() * FindingReport.UnitsPerFinding, silent.LinearRemaining - reporting.LinearRemaining);
    }

    [Fact]
    public void A_path_whose_budget_cannot_pay_for_its_report_is_at_risk_never_ok()
    {
        // Without denies the path is ok, and its hops still list what they could not verify (info findings).
        var snapshot = SnapshotReader.Read(DenyHeavySnapshot.Json(0));
        var measured = new WorkBudget(PathEvaluator.DefaultBudgetUnits);
        var ok = PathEvaluator.Evaluate(snapshot, Now, measured, findingsPerHop: 0);
        Assert.Equal(AccessVerdict.Ok, ok.Access);

        // Exactly what the judging takes: nothing is left to report with.
        var verdict = PathEvaluator.Evaluate(snapshot, Now, new WorkBudget(PathEvaluator.DefaultBudgetUnits, WorkBudget.DefaultLinearUnits - measured.LinearRemaining));

        Assert.Equal(AccessVerdict.AtRisk, verdict.Access);
        Assert.Contains(verdict.Findings, f => f.Finding.Rule == RuleIds.EvaluationBudget);
        Assert.True(verdict.FindingsOmitted > 0);
    }
}
