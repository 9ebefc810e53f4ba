using Guardrail.Core.Families;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Snapshot;
using Guardrail.Testing;

namespace Guardrail.Core.Tests.Paths;

/// <summary>
/// What the work budget leaves undecided is said as such: a path judged ok with the whole budget is, under any
/// smaller one, ok or at risk with <c>evaluation-budget</c>, and never has a finding the whole budget does not have
/// (issue 18: an exhausted budget made the key hop report <c>key-not-delegated</c> for a key policy naming the role).
/// </summary>
public sealed class BudgetCutFindingTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("cross-account-bucket-kms.json", 0)]
    [InlineData("cross-account-bucket-kms.json", 3000)]
    [InlineData("same-account-provisioned.json", 0)]
    [InlineData("organization-scp-rcp.json", 0)]
    public void A_smaller_budget_adds_no_finding_but_its_own(string example, int keyDenies)
    {
        var snapshot = SnapshotReader.Read(WithKeyDenies(File.ReadAllText(Path.Combine(RepoRoot.Path, "examples", "paths", example)), keyDenies));
        var whole = new WorkBudget(PathEvaluator.DefaultBudgetUnits, WorkBudget.DefaultLinearUnits);
        var full = PathEvaluator.Evaluate(snapshot, Now, whole);
        Assert.Equal(AccessVerdict.Ok, full.Access);
        var rules = full.Findings.Select(f => f.Finding.Rule).ToHashSet();
        var used = WorkBudget.DefaultLinearUnits - whole.LinearRemaining;

        var cutSomewhere = false;
        for (var linear = 0L; linear < used; linear += Math.Max(1, used / 150))
        {
            var cut = PathEvaluator.Evaluate(snapshot, Now, new WorkBudget(PathEvaluator.DefaultBudgetUnits, linear));
            var added = cut.Findings.Select(f => f.Finding.Rule).Where(r => r != RuleIds.EvaluationBudget && !rules.Contains(r)).Distinct().ToList();
            Assert.True(added.Count == 0, $"with {linear} of {used} linear units: {string.Join(", ", added)}");
            Assert.NotEqual(AccessVerdict.Breaks, cut.Access);
            cutSomewhere |= cut.Findings.Any(f => f.Finding.Rule == RuleIds.EvaluationBudget);
        }

        Assert.True(cutSomewhere);
    }

    /// <summary>
    /// The example with <paramref name="count"/> denies of <c>kms:Decrypt</c> that never apply (another Region) added
    /// to its key policies: deciding the key's route is then most of the work, so many budgets run out within it.
    /// </summary>
    private static string WithKeyDenies(string json, int count)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        if (count == 0)
        {
            return json;
        }

        var statements = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < count; i++)
        {
            var region = new System.Text.Json.Nodes.JsonObject { ["aws:RequestedRegion"] = $"xx-north-{i}" };
            statements.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["Effect"] = "Deny",
                ["Principal"] = "*",
                ["Action"] = "kms:Decrypt",
                ["Resource"] = "*",
                ["Condition"] = new System.Text.Json.Nodes.JsonObject { ["StringEquals"] = region },
            });
        }

        foreach (var (_, key) in root["keys"]!.AsObject())
        {
            foreach (var statement in statements)
            {
                key!["policy"]!["Statement"]!.AsArray().Add(statement!.DeepClone());
            }
        }

        return root.ToJsonString();
    }
}
