using Guardrail.Core.Findings;
using Guardrail.Core.Paths;
using Guardrail.Core.Paths.Overlay;
using Guardrail.Core.Paths.Snapshot;

namespace Guardrail.Core.Tests.Overlay;

/// <summary>Laying proposed documents on a snapshot: the one operation the CLI's check change and the hook share.</summary>
public sealed class SnapshotOverlayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChangeSource Source = new("template.yaml", "LakePolicy", 12);

    private static PathSnapshot Example(string name) =>
        SnapshotReader.Read(File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "paths", name)));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Guardrail.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void A_bucket_policy_that_denies_the_role_breaks_the_bucket_hop_and_is_located_at_its_statement()
    {
        var snapshot = Example("same-account-provisioned.json");
        var bucket = snapshot.Spectrum.Tables[0].Bucket;
        var role = snapshot.Spectrum.ReadingRole.Arn;
        var policy = $$"""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "DenyRole", "Effect": "Deny", "Principal": {"AWS": "{{role}}"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::{{bucket}}/*"}
            ]}
            """;
        var change = new BucketPolicyChange(Source, bucket, new Proposed<PolicyText>.Set(new PolicyText(policy, [14])));

        var verdict = ChangeJudge.Judge(snapshot, [change], Now);

        Assert.Equal(AccessVerdict.Ok, verdict.Before.Access);
        Assert.Equal(AccessVerdict.Breaks, verdict.Access);
        var hop = Assert.Single(verdict.Hops, h => h.Hop == HopKind.Bucket);
        Assert.Equal((HopStatus.Ok, HopStatus.Breaks), (hop.Before, hop.After));
        var located = Assert.Single(verdict.Findings, f => f.Introduced && f.Finding.Hop == HopKind.Bucket && f.Finding.Finding.Kind == FindingKind.Access);
        Assert.Equal([Source], located.Sources);
        Assert.Equal(14, located.StatementLine);
    }

    [Fact]
    public void An_unknown_policy_is_never_guessed_the_hop_is_at_risk_with_unresolved_value()
    {
        var snapshot = Example("same-account-provisioned.json");
        var change = new BucketPolicyChange(Source, snapshot.Spectrum.Tables[0].Bucket, new Proposed<PolicyText>.Unknown("Properties.PolicyDocument", "Fn::ImportValue of SharedPolicy"));

        var verdict = ChangeJudge.Judge(snapshot, [change], Now);

        Assert.Equal(AccessVerdict.AtRisk, verdict.Access);
        Assert.Equal(HopStatus.AtRisk, Assert.Single(verdict.Hops, h => h.Hop == HopKind.Bucket).After);
        var problem = Assert.Single(verdict.Findings, f => f.Finding.Finding.Rule == RuleIds.UnresolvedValue);
        Assert.Contains("Properties.PolicyDocument", problem.Finding.Finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_to_a_bucket_the_path_does_not_use_is_off_the_path()
    {
        var snapshot = Example("same-account-provisioned.json");
        var change = new BucketPolicyChange(Source, "some-other-bucket", new Proposed<PolicyText>.Removed());

        var result = SnapshotOverlay.Apply(snapshot, [change]);

        Assert.Empty(result.Applied);
        Assert.Equal([change], result.OffPath);
        Assert.Equal(snapshot.Buckets.Keys.Order(), result.Snapshot.Buckets.Keys.Order());
    }
}
