using Guardrail.Changes.Terraform;
using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Changes.Tests.Terraform;

/// <summary>A plan read and judged on an example snapshot: the contract the CLI's <c>check change</c> uses.</summary>
public sealed class TerraformPlanJudgeTests
{
    private const string Role = "arn:aws:iam::111122223333:role/spectrum";

    private static readonly PathSnapshot Snapshot = SnapshotReader.Read(File.ReadAllText(Path.Combine(TerraformCases.Directory, "..", "..", "..", "..", "examples", "paths", "same-account-provisioned.json")));

    private static ChangeVerdict Judge(string resourceChanges)
    {
        var plan = """{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[""" + resourceChanges + "]}";
        var changes = new TerraformPlanInput().Read(plan, ChangeContext.For("tfplan.json") with { Account = "111122223333", Region = "us-east-1" });
        return ChangeJudge.Judge(Snapshot, changes, DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Deleting_the_spectrum_role_breaks_the_path_at_its_address()
    {
        var verdict = Judge("""{"address":"aws_iam_role.spectrum","mode":"managed","type":"aws_iam_role","name":"spectrum","change":{"actions":["delete"],"before":{"arn":"ROLE","name":"spectrum","path":"/"},"after":null,"after_unknown":{}}}""".Replace("ROLE", Role, StringComparison.Ordinal));
        Assert.Equal(AccessVerdict.Breaks, verdict.Access);
        Assert.Contains(verdict.Findings, f => f.Sources.Any(s => s.Resource == "aws_iam_role.spectrum" && s.File == "tfplan.json" && s.Line == 1));
    }

    [Fact]
    public void A_bucket_policy_known_only_after_apply_puts_the_bucket_hop_at_risk()
    {
        var verdict = Judge("""{"address":"aws_s3_bucket_policy.lake","mode":"managed","type":"aws_s3_bucket_policy","name":"lake","change":{"actions":["update"],"before":{"bucket":"example-lake","policy":"{}"},"after":{"bucket":"example-lake"},"after_unknown":{"policy":true}}}""");
        Assert.Equal(AccessVerdict.AtRisk, verdict.Access);
        var hop = Assert.Single(verdict.Hops, h => h.Hop == HopKind.Bucket);
        Assert.Equal(HopStatus.AtRisk, hop.After);
        Assert.Contains(verdict.Findings, f => f.Introduced && f.Sources.Any(s => s.Resource == "aws_s3_bucket_policy.lake"));
    }

    [Fact]
    public void A_change_to_a_resource_off_the_path_is_not_judged()
    {
        var verdict = Judge("""{"address":"aws_s3_bucket_policy.other","mode":"managed","type":"aws_s3_bucket_policy","name":"other","change":{"actions":["delete"],"before":{"bucket":"unrelated-bucket","policy":"{}"},"after":null,"after_unknown":{}}}""");
        Assert.Single(verdict.Overlay.OffPath);
        Assert.Empty(verdict.Overlay.Applied);
        Assert.Equal(verdict.Before.Access, verdict.Access);
    }
}
