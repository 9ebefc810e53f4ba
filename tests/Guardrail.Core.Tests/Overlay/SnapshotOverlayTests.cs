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

    private const string DenyReads = """{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}""";

    private const string AllowAll = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";

    [Theory]
    [InlineData("111122223333", DenyReads, false, "breaks")]
    [InlineData("r-ab12", DenyReads, false, "breaks")]
    [InlineData("ou-ab12-cdefgh34", DenyReads, false, "at-risk")]
    [InlineData("111122223333", AllowAll, true, "at-risk")]
    [InlineData("444455556666", DenyReads, false, "ok")]
    public void An_scp_is_placed_where_the_snapshot_knows_its_level_and_is_unresolved_elsewhere(string target, string policy, bool existing, string verdict)
    {
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
        var snapshot = Example("organization-scp-rcp.json");
        var change = new OrganizationPolicyChange(Source, OrganizationPolicyType.ServiceControl, new Proposed<PolicyText>.Set(PolicyText.Of(policy)), [target], existing);

        var judged = ChangeJudge.Judge(snapshot, [change], Now);

        Assert.Equal(verdict, judged.Access.ToText());
        Assert.Equal(verdict == "at-risk", judged.Findings.Any(f => f.Finding.Finding.Rule == RuleIds.UnresolvedValue));
        Assert.Equal(verdict == "ok", judged.Overlay.OffPath.Contains(change));
    }

    [Fact]
    public void Deleting_the_reading_role_breaks_the_trust_hop_at_the_resource_that_deletes_it()
    {
        var snapshot = Example("same-account-provisioned.json");
        var change = new RoleDeletedChange(Source, snapshot.Spectrum.ReadingRole.Arn);

        var judged = ChangeJudge.Judge(snapshot, [change], Now);

        Assert.Equal(AccessVerdict.Breaks, judged.Access);
        Assert.Equal(HopStatus.Breaks, Assert.Single(judged.Hops, h => h.Hop == HopKind.Trust).After);
        Assert.Equal([Source], Assert.Single(judged.Findings, f => f.Finding.Finding.Rule == RuleIds.ResourceDeleted).Sources);
    }

    [Fact]
    public void Attaching_a_managed_policy_whose_document_nobody_gave_leaves_the_identity_hop_at_risk_and_a_new_one_is_judged()
    {
        var snapshot = Example("same-account-provisioned.json");
        var role = snapshot.Spectrum.ReadingRole.Arn;
        var unknown = new RoleManagedPolicyAttachmentChange(Source, role, "arn:aws:iam::111122223333:policy/somewhere-else", true);
        var created = new RoleManagedPolicyAttachmentChange(Source, role, "arn:aws:iam::111122223333:policy/LakeDeny-proposed", true);
        var document = new ManagedPolicyChange(Source, "arn:aws:iam::111122223333:policy/LakeDeny-proposed", new Proposed<PolicyText>.Set(PolicyText.Of(DenyReads)));

        Assert.Equal(AccessVerdict.AtRisk, ChangeJudge.Judge(snapshot, [unknown], Now).Access);
        Assert.Equal(AccessVerdict.Breaks, ChangeJudge.Judge(snapshot, [document, created], Now).Access);
    }
}
